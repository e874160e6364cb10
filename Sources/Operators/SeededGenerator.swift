import Foundation

/// A small, fast, seeded pseudo-random generator: xoshiro256** (Blackman & Vigna) with its state filled by
/// SplitMix64 from a 64-bit seed. The same seed gives the same stream on every platform; every random draw in
/// the operators and noise models goes through it.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose stream is determined by `seed`.
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

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in `[0, 1)` with 53 random bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal `N(0, 1)` by the Box–Muller transform (one value per call; the pair's second is dropped
    /// so that the stream position depends only on the number of calls).
    public mutating func nextGaussian() -> Double {
        let u1 = 1 - nextUniform()  // (0, 1]
        let u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A Poisson variate with mean `lambda ≥ 0`: multiplication of uniforms (Knuth) below 10, and Hörmann's
    /// transformed rejection with squeeze (PTRS, 1993) above, as in NumPy.
    public mutating func nextPoisson(_ lambda: Double) -> Double {
        if lambda <= 0 { return 0 }
        if lambda < 10 {
            let limit = exp(-lambda)
            var product = nextUniform()
            var count = 0.0
            while product > limit {
                count += 1
                product *= nextUniform()
            }
            return count
        }
        let sqrtLambda = lambda.squareRoot(), logLambda = log(lambda)
        let b = 0.931 + 2.53 * sqrtLambda
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextUniform() - 0.5
            let v = nextUniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(inverseAlpha) - log(a / (us * us) + b) <= -lambda + k * logLambda - lgamma(k + 1) {
                return k
            }
        }
    }
}
