import Operators

/// Total-variation denoising as a ``Denoiser``: `D_σ(z) = argmin_x ½‖x − z‖² + σ·TV(x)` (``TotalVariationBaseline``
/// with `A = I`, weight `w = σ`, ``iterations`` primal–dual steps, unclipped). A weight equal to the noise level is
/// the suite's setting for denoising (`tv` weight 0.1 at σ = 0.1), about the best one on faces.
public struct TotalVariationDenoiser: Denoiser {
    /// Primal–dual steps per call.
    public let iterations: Int

    public init(iterations: Int = 100) { self.iterations = iterations }

    public var description: String { "tv(w = σ, \(iterations) iterations)" }

    public func denoise(_ samples: [Float], shape: ImageShape, sigma: Double) throws -> [Float] {
        try checkNoiseLevel(sigma, owner: "tv denoiser")
        return try TotalVariationBaseline(weight: sigma, iterations: iterations, clip: false)
            .reconstruct(samples, through: IdentityOperator(shape: shape))
    }
}
