import Foundation

/// A small, seeded, portable pseudo-random generator: xoshiro256** (Blackman & Vigna 2018) whose 256-bit
/// state is filled from the seed by SplitMix64. Same seed → same sequence of bits on every platform.
///
/// Every random draw of the suite — initialisations, Fourier-feature matrices, masks, noise, meta-learning's task
/// order — takes one of these, never the system generator.
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

    /// The four xoshiro256 state words: saving them and ``init(stateWords:)`` continue the same sequence later.
    public var stateWords: [UInt64] { [state.0, state.1, state.2, state.3] }

    /// A generator continuing from saved ``stateWords``; nil unless there are four words, not all zero (xoshiro's
    /// all-zero state is a fixed point no seed produces).
    public init?(stateWords words: [UInt64]) {
        guard words.count == 4, words.contains(where: { $0 != 0 }) else { return nil }
        state = (words[0], words[1], words[2], words[3])
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

    /// A Double uniformly distributed on [0, 1), from the top 53 bits.
    public mutating func unitInterval() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal draw N(0, 1) by the Box–Muller transform, computed in Double.
    public mutating func standardNormal() -> Double {
        let u1 = (Double(next() >> 11) + 1) * 0x1p-53  // (0, 1]: the logarithm stays finite
        let u2 = Double(next() >> 11) * 0x1p-53
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A Poisson variate with mean `lambda ≥ 0`: multiplication of uniforms (Knuth) below 10, and Hörmann's
    /// transformed rejection with squeeze (PTRS, 1993) above, as in NumPy.
    public mutating func poisson(mean lambda: Double) -> Double {
        if lambda <= 0 { return 0 }
        if lambda < 10 {
            let limit = exp(-lambda)
            var product = unitInterval()
            var count = 0.0
            while product > limit {
                count += 1
                product *= unitInterval()
            }
            return count
        }
        let sqrtLambda = lambda.squareRoot(), logLambda = log(lambda)
        let b = 0.931 + 2.53 * sqrtLambda
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = unitInterval() - 0.5
            let v = unitInterval()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(inverseAlpha) - log(a / (us * us) + b) <= -lambda + k * logLambda - lgamma(k + 1) {
                return k
            }
        }
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
