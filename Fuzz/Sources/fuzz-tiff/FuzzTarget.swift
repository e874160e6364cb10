import FuzzDriver

/// `fuzz-tiff`: libFuzzer on the TIFF reader.
@main enum FuzzTarget {
    static func main() { FuzzDriver.run(.tiff) }
}
