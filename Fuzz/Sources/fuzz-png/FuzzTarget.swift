import FuzzDriver

/// `fuzz-png`: libFuzzer on the PNG reader.
@main enum FuzzTarget {
    static func main() { FuzzDriver.run(.png) }
}
