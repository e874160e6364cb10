import Foundation

/// A small, seeded, portable pseudo-random generator: xoshiro256** (Blackman & Vigna 2018) whose 256-bit
/// state is filled from the seed by SplitMix64. Same seed → same sequence of bits on every platform.
///
/// Every random draw in the INR module (initialisation, Fourier-feature matrices) takes one of these,
/// never the system generator.
public struct RandomSource: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Seeds the four state words with successive SplitMix64 outputs of `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// The next 64 random bits: `rotl(s1 · 5, 7) · 9`, then the xoshiro256 state transition.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A Float uniformly distributed on [`lower`, `upper`): the top 24 bits give u ∈ [0, 1) exactly,
    /// then `lower + (upper − lower)·u`.
    public mutating func uniform(_ lower: Float, _ upper: Float) -> Float {
        let u = Float(next() >> 40) * 0x1p-24
        return lower + (upper - lower) * u
    }

    /// A standard normal draw N(0, 1) by the Box–Muller transform, computed in Double.
    public mutating func standardNormal() -> Double {
        let u1 = (Double(next() >> 11) + 1) * 0x1p-53  // (0, 1]: the logarithm stays finite
        let u2 = Double(next() >> 11) * 0x1p-53
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
