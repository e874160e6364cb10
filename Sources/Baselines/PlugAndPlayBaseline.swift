import Foundation
import Operators

/// Plug-and-play reconstruction by half-quadratic splitting (Zhang et al., *Plug-and-play image restoration with
/// deep denoiser prior*, TPAMI 2021, "DPIR"; Venkatakrishnan et al. 2013), for any linear operator, with a
/// Gaussian denoiser (``BM3DBaseline`` or ``TotalVariationDenoiser``) in place of the prior's proximal operator.
///
/// For `min_x ½‖Ax − y‖²/σ_n² + λ·R(x)`, split `x = z` and alternate, for `k = 1 … K`:
///
/// - data step: `x_k = argmin_x ½‖Ax − y‖² + (ρ_k/2)‖x − z_{k−1}‖² = (AᵀA + ρ_k I)⁻¹(Aᵀy + ρ_k z_{k−1})`
///   (``ProximalDataStep``: closed form for the identity, inpainting and circular blur, CG otherwise);
/// - prior step: `z_k = D_{σ_k}(x_k)`, the denoiser at noise level `σ_k = √(λ/μ_k)`.
///
/// **Schedule.** `σ_k` falls geometrically from ``sigmaStart`` to ``sigmaEnd`` over the K iterations,
/// `σ_k = σ_start (σ_end/σ_start)^{(k−1)/(K−1)}`, and `ρ_k = λ σ_n² / σ_k²` (DPIR's eq. 13): early iterations
/// denoise hard and hold the data loosely, later ones denoise gently and follow the data closely. `σ_n` is
/// ``noise``, the measurement's noise level; for noiseless measurements a small value stands for the model's own
/// error. The start is `z_0 = ½` everywhere (mid-grey); the answer is `z_K`. Each `z_k` can be observed as it is
/// made (``IterativeReconstructor``).
///
/// The data step needs `Aᵀ` to be the transpose of `A`; the operator is checked first (a dot-product test,
/// ``Operators/checkLinearOperator(_:name:seed:trials:tolerance:)``) and refused when it is not.
public struct PlugAndPlayBaseline: IterativeReconstructor {
    public let denoiser: any Denoiser
    /// Iterations K ≥ 1.
    public let iterations: Int
    /// Noise level σ_n of the measurement (> 0).
    public let noise: Double
    /// The denoiser's first and last noise levels (> 0).
    public let sigmaStart: Double
    public let sigmaEnd: Double
    /// The prior's weight λ (> 0).
    public let lambda: Double
    /// CG steps per data step where there is no closed form, and their relative tolerance.
    public let cgIterations: Int
    public let cgTolerance: Double

    /// Throws for a parameter out of range (one line naming it).
    public init(denoiser: any Denoiser, iterations: Int = 16, noise: Double = 0.01, sigmaStart: Double = 0.2,
                sigmaEnd: Double? = nil, lambda: Double = 0.25, cgIterations: Int = 30, cgTolerance: Double = 1e-5) throws {
        try checkAtLeastOne(iterations, owner: "pnp", parameter: "iterations")
        try checkAtLeastOne(cgIterations, owner: "pnp", parameter: "cg_iterations")
        try checkNoiseLevel(noise, owner: "pnp", parameter: "noise")
        try checkNoiseLevel(sigmaStart, owner: "pnp", parameter: "sigma_start")
        try checkNoiseLevel(sigmaEnd ?? noise, owner: "pnp", parameter: "sigma_end")
        guard lambda > 0, lambda.isFinite else {
            throw OperatorError.invalidParameter(owner: "pnp", parameter: "lambda", message: "must be a finite number > 0, got \(lambda)")
        }
        self.denoiser = denoiser
        self.iterations = iterations
        self.noise = noise
        self.sigmaStart = sigmaStart
        self.sigmaEnd = sigmaEnd ?? noise
        self.lambda = lambda
        self.cgIterations = cgIterations
        self.cgTolerance = cgTolerance
    }

    public var description: String {
        "pnp(HQS, \(denoiser), \(iterations) iterations, σ \(sigmaStart) → \(sigmaEnd), ρ = \(lambda)·\(noise)²/σ²)"
    }

    /// `(σ_k, ρ_k)` for `k = 1 … K`.
    public var schedule: [(sigma: Double, rho: Double)] {
        (0..<iterations).map { k in
            let t = iterations == 1 ? 1 : Double(k) / Double(iterations - 1)
            let sigma = sigmaStart * pow(sigmaEnd / sigmaStart, t)
            return (sigma, lambda * noise * noise / (sigma * sigma))
        }
    }

    /// `z_K`, showing `observe` `z_0` and every `z_k`.
    public func reconstruct(_ measurement: [Float], through forward: any LinearOperator,
                            observing observe: (_ iteration: Int, _ iterate: [Float]) throws -> Void) throws -> [Float] {
        try checkMeasurement(measurement, of: forward, by: "pnp")
        let check = checkLinearOperator(forward, name: "pnp", trials: 1, tolerance: 1e-4)
        guard check.relativeAdjointError <= 1e-4 else {
            throw OperatorError.invalidParameter(
                owner: "pnp", parameter: "operator",
                message: String(format: "%@ has no valid adjoint (⟨Ax, y⟩ and ⟨x, Aᵀy⟩ differ by %.3g, relative); "
                                    + "expected Aᵀ to be the transpose of A (the data step solves (AᵀA + ρI)x = Aᵀy + ρz)",
                                "\(forward)", check.relativeAdjointError))
        }
        let dataStep = try ProximalDataStep(forward: forward, measurement: measurement, cgIterations: cgIterations,
                                            cgTolerance: cgTolerance)
        var z = [Float](repeating: 0.5, count: forward.inputShape.count)
        try observe(0, z)
        for (k, (sigma, rho)) in schedule.enumerated() {
            let x = dataStep.solve(towards: z, rho: Float(rho))
            z = try denoiser.denoise(x, shape: forward.inputShape, sigma: sigma)
            try observe(k + 1, z)
        }
        return z
    }
}
