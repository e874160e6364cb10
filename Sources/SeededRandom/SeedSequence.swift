/// Independent seeds derived from one: stream k of seed s is SplitMix64's output for s + k·γ.
public enum SeedSequence {
    /// A seed for the `stream`-th independent use of `seed`.
    public static func derive(_ seed: UInt64, stream: UInt64) -> UInt64 {
        var z = seed &+ (stream &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
