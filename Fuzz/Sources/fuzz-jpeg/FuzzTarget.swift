import FuzzDriver

/// `fuzz-jpeg`: libFuzzer on the JPEG reader.
@main enum FuzzTarget {
    static func main() { FuzzDriver.run(.jpeg) }
}
