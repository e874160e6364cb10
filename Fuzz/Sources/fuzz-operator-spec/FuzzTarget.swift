import FuzzDriver

/// `fuzz-operator-spec`: libFuzzer on the operator/noise spec reader.
@main enum FuzzTarget {
    static func main() { FuzzDriver.run(.operatorSpec) }
}
