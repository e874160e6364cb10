import Operators

/// Total-variation regularised least squares,
/// `x̂ = argmin_x ½‖Ax − y‖² + w · TV(x)` (subject to `x ∈ [0, 1]` when ``clip`` is set),
/// with the isotropic TV of ``ImageGradient`` taken **per channel**:
/// `TV(x) = Σ_{i,j,c} √((x(i,j+1,c) − x(i,j,c))² + (x(i+1,j,c) − x(i,j,c))²)` (forward differences, 0 across the
/// border) — channels are not coupled, as in scikit-image's `denoise_tv_chambolle` with a channel axis.
///
/// Solved by the primal–dual method of Chambolle & Pock (2011, Algorithm 1, θ = 1) on `K = [A; ∇]`,
/// `F(Ax, ∇x) = ½‖Ax − y‖² + w‖∇x‖_{2,1}`, `G = ι_{[0,1]}` (or 0), from the normalised back-projection
/// `x = Aᵀy ⊘ Aᵀ1` (``normalizedBackProjection(_:through:)``; `x = 0` where the operator has none) and zero duals:
///
/// - `p ← (p + σ(A x̄ − y)) / (1 + σ)` (the prox of the conjugate of the data term);
/// - `q ← Π_{‖·‖ ≤ w}(q + σ∇x̄)`, each pixel's and channel's pair of differences projected onto the disc of radius `w`;
/// - `x⁺ ← clip(x − τ(Aᵀp + ∇ᵀq))`, `x̄ ← 2x⁺ − x`;
///
/// with `τ = σ = 1/L`, `L² = (1.01‖A‖)² + 8 ≥ ‖K‖²` (power-iteration estimate of `‖A‖`, a lower bound, with 1 %
/// margin; `‖∇‖² ≤ 8`), so `τσ‖K‖² < 1`. Any operator, complex outputs included.
public struct TotalVariationBaseline: Reconstructor, Sendable {
    /// TV weight `w ≥ 0`, relative to data in `[0, 1]`.
    public let weight: Double
    /// Number of primal–dual steps (≥ 1).
    public let iterations: Int
    /// Whether `x` is constrained to `[0, 1]` (the nominal intensity range).
    public let clip: Bool

    /// Throws for `w < 0` or `iterations < 1`.
    public init(weight: Double = 0.01, iterations: Int = 300, clip: Bool = true) throws {
        guard weight >= 0, weight.isFinite else {
            throw OperatorError.invalidParameter(owner: "tv", parameter: "weight", message: "must be ≥ 0, got \(weight)")
        }
        try checkAtLeastOne(iterations, owner: "tv", parameter: "iterations")
        self.weight = weight
        self.iterations = iterations
        self.clip = clip
    }

    public var description: String { "tv(w=\(weight), \(iterations) iterations\(clip ? ", x ∈ [0, 1]" : ""))" }

    /// The objective `½‖Ax − y‖² + w · TV(x)` (in `Double`; the constraint is not included).
    public func objective(_ x: [Float], measurement: [Float], through forward: any LinearOperator) throws -> Double {
        try checkMeasurement(measurement, of: forward, by: "tv")
        let residual = zip(try forward.apply(x), measurement).map { $0 - $1 }
        return 0.5 * squaredNorm(residual) + weight * ImageGradient(shape: forward.inputShape).totalVariation(x)
    }

    public func reconstruct(_ measurement: [Float], through forward: any LinearOperator) throws -> [Float] {
        try checkMeasurement(measurement, of: forward, by: "tv")
        let gradient = ImageGradient(shape: forward.inputShape)
        let n = forward.inputShape.count, m = forward.outputShape.count
        let normA = 1.01 * forward.estimateNorm(iterations: 50)
        let step = Float(1 / (normA * normA + 8).squareRoot())   // τ = σ
        let radius = Float(weight), radiusSquared = radius * radius
        let (lower, upper): (Float, Float) = clip ? (0, 1) : (-.infinity, .infinity)

        // From the measurement spread back at its brightness (where the operator allows), not from black: pixels the
        // data constrain weakly (the border of a resized image) converge slowest, and from 0 they stay dark.
        var x = try normalizedBackProjection(measurement, through: forward)?.map { min(max($0, lower), upper) }
            ?? [Float](repeating: 0, count: n)
        var extrapolated = x
        var dualData = [Float](repeating: 0, count: m), dualGradient = [Float](repeating: 0, count: 2 * n)
        var forwardImage = [Float](repeating: 0, count: m), differences = [Float](repeating: 0, count: 2 * n)
        var backData = [Float](repeating: 0, count: n), backGradient = [Float](repeating: 0, count: n)
        for _ in 0..<iterations {
            // Dual step on the data term: p ← (p + σ(A x̄ − y)) / (1 + σ).
            withBuffers(extrapolated, into: &forwardImage) { forward.apply($0, into: $1) }
            for k in 0..<m { dualData[k] = (dualData[k] + step * (forwardImage[k] - measurement[k])) / (1 + step) }
            // Dual step on the TV term: q ← projection of q + σ∇x̄ onto the discs of radius w.
            withBuffers(extrapolated, into: &differences) { gradient.apply($0, into: $1) }
            for s in 0..<n {
                let h = dualGradient[2 * s] + step * differences[2 * s]
                let v = dualGradient[2 * s + 1] + step * differences[2 * s + 1]
                let lengthSquared = h * h + v * v
                let shrink: Float = lengthSquared > radiusSquared ? radius / lengthSquared.squareRoot() : 1
                dualGradient[2 * s] = h * shrink
                dualGradient[2 * s + 1] = v * shrink
            }
            // Primal step and extrapolation: x⁺ = clip(x − τ(Aᵀp + ∇ᵀq)), x̄ = 2x⁺ − x.
            withBuffers(dualData, into: &backData) { forward.adjoint($0, into: $1) }
            withBuffers(dualGradient, into: &backGradient) { gradient.adjoint($0, into: $1) }
            for i in 0..<n {
                let next = min(max(x[i] - step * (backData[i] + backGradient[i]), lower), upper)
                extrapolated[i] = 2 * next - x[i]
                x[i] = next
            }
        }
        return x
    }
}
