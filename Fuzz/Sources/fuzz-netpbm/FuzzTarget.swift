import FuzzDriver

/// `fuzz-netpbm`: libFuzzer on the PGM/PPM reader.
@main enum FuzzTarget {
    static func main() { FuzzDriver.run(.netpbm) }
}
