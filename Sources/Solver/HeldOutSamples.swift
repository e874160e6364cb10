import Operators
import SeededRandom

/// A seeded subset of a measurement's samples kept out of a fit, to validate it without a ground truth
/// (``DataFidelity``): `round(fraction · P)` of the measurement's P positions (pixels, or (angle, detector)
/// bins), each with all its channels — the real and imaginary parts of a k-space sample go together, as do the
/// colours of a pixel. The positions are the first ones of a seeded Fisher–Yates shuffle of `0..<P`: the same
/// seed and shape give the same set on any machine.
public struct HeldOutSamples: Sendable, Equatable {
    /// Per measurement sample (the measurement's layout): whether it is held out.
    public let mask: [Bool]
    /// How many samples are held out.
    public let count: Int

    /// The held-out samples of a measurement of `shape`; throws unless `0 < fraction < 1` and both the held-out
    /// and the fitted sets are non-empty.
    public init(fraction: Double, seed: UInt64, shape: ImageShape) throws {
        guard fraction.isFinite, fraction > 0, fraction < 1 else {
            throw SolverError.invalidOption(name: "held-out fraction", problem: "is \(fraction); expected a fraction in (0, 1), e.g. 0.1")
        }
        let positions = shape.pixelCount
        let kept = Int((fraction * Double(positions)).rounded())
        guard kept >= 1, kept < positions else {
            throw SolverError.invalidOption(
                name: "held-out fraction",
                problem: "\(fraction) of \(positions) measurement positions holds out \(kept); expected at least 1 and fewer than all")
        }
        var order = Array(0..<positions)
        var random = RandomSource(seed: seed)
        for i in 0..<kept {
            let j = i + Int(random.next() % UInt64(positions - i))
            order.swapAt(i, j)
        }
        var mask = [Bool](repeating: false, count: shape.count)
        for position in order.prefix(kept) {
            for c in 0..<shape.channels { mask[position * shape.channels + c] = true }
        }
        self.mask = mask
        count = kept * shape.channels
    }
}
