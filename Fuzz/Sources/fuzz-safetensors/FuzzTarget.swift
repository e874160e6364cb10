import FuzzDriver

/// `fuzz-safetensors`: libFuzzer on the safetensors reader.
@main enum FuzzTarget {
    static func main() { FuzzDriver.run(.safetensors) }
}
