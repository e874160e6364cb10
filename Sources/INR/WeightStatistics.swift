/// What `strainer inspect` says of one layer's weight matrix W: its shape, Frobenius norm, spectral norm and
/// stable rank ‖W‖_F²/σ_max². A zero matrix has no stable rank, and a matrix holding NaN or ±∞ (a diverged
/// training, a damaged file) has no finite norms; both are said so rather than shown as numbers.
public struct WeightStatistics: Sendable {
    public let inputs: Int
    public let outputs: Int
    public let frobenius: Double
    public let spectral: Double
    /// ‖W‖_F²/σ_max², nil for a zero matrix or one holding non-finite values.
    public let stableRank: Double?
    /// Why there is no stable rank, nil when there is one.
    public let stableRankProblem: String?

    public init(of weight: Matrix) {
        inputs = weight.columns
        outputs = weight.rows
        let finite = weight.values.allSatisfy(\.isFinite)
        frobenius = finite ? weight.frobeniusNorm : .nan
        spectral = finite ? weight.spectralNorm() : .nan
        switch (finite, spectral > 0) {
        case (false, _):
            (stableRank, stableRankProblem) = (nil, "NaN (the matrix holds NaN or infinite values)")
        case (true, false):
            (stableRank, stableRankProblem) = (nil, "undefined (zero matrix)")
        case (true, true):
            (stableRank, stableRankProblem) = (frobenius * frobenius / (spectral * spectral), nil)
        }
    }
}
