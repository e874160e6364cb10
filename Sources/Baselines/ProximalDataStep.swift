import Operators

/// The data step of a splitting method: `x = argmin_x ½‖Ax − y‖² + (ρ/2)‖x − z‖² = (AᵀA + ρI)⁻¹(Aᵀy + ρz)`.
///
/// In closed form where the operator allows: the identity (`(y + ρz)/(1 + ρ)`), inpainting (`AᵀA = diag(m)`,
/// `(m ⊙ y + ρz)/(m + ρ)` pixel by pixel) and circular blur (one FFT round trip, ``Operators/BlurOperator/solveShiftedNormal(_:shift:into:)``);
/// otherwise by conjugate gradients (``Operators/LinearOperator/shiftedNormalSolve(shift:rightHandSide:start:iterations:tolerance:)``) from `z`, at most ``cgIterations`` steps to a
/// relative residual of ``cgTolerance``.
struct ProximalDataStep {
    let forward: any LinearOperator
    /// `Aᵀy`, computed once.
    let backProjection: [Float]
    let cgIterations: Int
    let cgTolerance: Double

    init(forward: any LinearOperator, measurement: [Float], cgIterations: Int, cgTolerance: Double) throws {
        self.forward = forward
        backProjection = try forward.adjoint(measurement)
        self.cgIterations = cgIterations
        self.cgTolerance = cgTolerance
    }

    /// Whether the step is solved in closed form for this operator (else by CG).
    var isClosedForm: Bool {
        if forward is IdentityOperator || forward is InpaintOperator { return true }
        return (forward as? BlurOperator)?.boundary == .circular
    }

    /// `(AᵀA + ρI)⁻¹(Aᵀy + ρz)`, `ρ > 0`.
    func solve(towards z: [Float], rho: Float) -> [Float] {
        let n = z.count
        var rightHandSide = [Float](repeating: 0, count: n)
        for i in 0..<n { rightHandSide[i] = backProjection[i] + rho * z[i] }
        if forward is IdentityOperator { return rightHandSide.map { $0 / (1 + rho) } }
        if let inpaint = forward as? InpaintOperator {
            let channels = inpaint.inputShape.channels
            return (0..<n).map { rightHandSide[$0] / (inpaint.mask.values[$0 / channels] + rho) }
        }
        if let blur = forward as? BlurOperator {
            var x = [Float](repeating: 0, count: n)
            if withBuffers(rightHandSide, into: &x, { blur.solveShiftedNormal($0, shift: rho, into: $1) }) { return x }
        }
        return forward.shiftedNormalSolve(shift: rho, rightHandSide: rightHandSide, start: z,
                                          iterations: cgIterations, tolerance: cgTolerance)
    }
}
