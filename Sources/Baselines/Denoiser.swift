import Operators

/// A Gaussian denoiser `D_σ`: from `z = x + n`, `n` white with standard deviation σ, an estimate of `x`. A
/// plug-and-play solver (``PlugAndPlayBaseline``) calls it in place of a proximal operator.
public protocol Denoiser: Sendable, CustomStringConvertible {
    /// `D_σ(samples)` for a flat buffer of `shape` (see ``Operators/ImageShape``), `σ > 0` on the [0, 1] scale.
    func denoise(_ samples: [Float], shape: ImageShape, sigma: Double) throws -> [Float]
}
