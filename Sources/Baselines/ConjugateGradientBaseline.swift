import Operators

/// Tikhonov-regularised least squares, `x̂ = argmin ½‖Ax − y‖² + (λ/2)‖x‖²`, i.e. the solution of the normal
/// equations `(AᵀA + λI) x = Aᵀy`, by the conjugate-gradient method from `x₀ = 0` (``Operators/LinearOperator/shiftedNormalSolve(shift:rightHandSide:start:iterations:tolerance:)``).
/// Stops after ``iterations`` steps or when the residual `‖Aᵀy − (AᵀA + λI)x‖` falls to ``tolerance`` · `‖Aᵀy‖`.
/// Any operator, complex outputs included (the adjoint is the real transpose).
public struct ConjugateGradientBaseline: Reconstructor, Sendable {
    /// Regularisation weight `λ ≥ 0`.
    public let lambda: Double
    /// Largest number of CG steps (≥ 1).
    public let iterations: Int
    /// Relative residual at which to stop (≥ 0).
    public let tolerance: Double

    /// Throws for `λ < 0`, `iterations < 1` or `tolerance < 0`.
    public init(lambda: Double = 1e-3, iterations: Int = 100, tolerance: Double = 1e-6) throws {
        guard lambda >= 0, lambda.isFinite else {
            throw OperatorError.invalidParameter(owner: "cg", parameter: "lambda", message: "must be ≥ 0, got \(lambda)")
        }
        try checkAtLeastOne(iterations, owner: "cg", parameter: "iterations")
        guard tolerance >= 0, tolerance.isFinite else {
            throw OperatorError.invalidParameter(owner: "cg", parameter: "tolerance", message: "must be ≥ 0, got \(tolerance)")
        }
        self.lambda = lambda
        self.iterations = iterations
        self.tolerance = tolerance
    }

    public var description: String { "cg(λ=\(lambda), \(iterations) iterations, tolerance \(tolerance))" }

    public func reconstruct(_ measurement: [Float], through forward: any LinearOperator) throws -> [Float] {
        try checkMeasurement(measurement, of: forward, by: "cg")
        return forward.shiftedNormalSolve(shift: Float(lambda), rightHandSide: try forward.adjoint(measurement),
                                          iterations: iterations, tolerance: tolerance)
    }
}
