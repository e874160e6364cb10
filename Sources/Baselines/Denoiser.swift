import Operators

/// A Gaussian denoiser `D_σ`: from `z = x + n`, `n` white with standard deviation σ, an estimate of `x`. A
/// plug-and-play solver (``PlugAndPlayBaseline``) calls it in place of a proximal operator.
public protocol Denoiser: Sendable, CustomStringConvertible {
    /// `D_σ(samples)` for a flat buffer of `shape` (see ``Operators/ImageShape``), `σ > 0` on the [0, 1] scale.
    func denoise(_ samples: [Float], shape: ImageShape, sigma: Double) throws -> [Float]
}

/// Throws unless `sigma` is a finite number `> 0`; `owner` names the method in the message.
func checkNoiseLevel(_ sigma: Double, owner: String, parameter: String = "sigma") throws {
    guard sigma > 0, sigma.isFinite else {
        throw OperatorError.invalidParameter(
            owner: owner, parameter: parameter,
            message: "must be a finite noise standard deviation > 0 (intensities in [0, 1]), got \(sigma)")
    }
}
