import FuzzDriver

/// `fuzz-problem`: libFuzzer on the problem-file reader.
@main enum FuzzTarget {
    static func main() { FuzzDriver.run(.problem) }
}
