import Imaging
import Operators

/// The noise model of a reconstruction and where its level came from.
///
/// `--noise` absent, or a `gaussian` without `sigma`: white Gaussian noise whose σ is estimated from y
/// (``Operators/NoiseLevelEstimate``) — from the image itself for identity, blur, inpaint, downsample and resize
/// measurements, from the sinogram for radon; k-space (mri) has no such estimate, so σ must be given there (or the
/// fit runs as least squares without a noise model). `none`: no noise model (least squares, no discrepancy).
/// Anything else: the noise registry's model as specified.
public struct NoiseSetting {
    /// The model whose NLL is the data term; nil = least squares.
    public let model: (any NoiseModel)?
    /// σ̂ when σ was estimated from y.
    public let estimatedSigma: Double?

    /// Resolves `spec` (nil = not given) for `measurement` through `forward`.
    public init(spec: ParameterMap?, measurement: Image, forward: any LinearOperator) throws {
        if case .string("none")? = spec?["name"] {
            (model, estimatedSigma) = (nil, nil)
            return
        }
        let wantsEstimate = spec == nil || (spec?["name"] == .string("gaussian") && spec?["sigma"] == nil && spec?.count == 1)
        guard wantsEstimate else {
            (model, estimatedSigma) = (try noiseRegistry.make(spec!, context: BuildContext(shape: forward.outputShape)), nil)
            return
        }
        guard !(forward is MRIOperator) else {
            guard spec == nil else { throw ReconstructionError.noiseLevelNotEstimable(operatorName: "mri") }
            (model, estimatedSigma) = (nil, nil)
            return
        }
        let sigma = try NoiseLevelEstimate.sigma(measurement.pixels, shape: ImageShape(of: measurement))
        guard sigma > 0 else {
            (model, estimatedSigma) = (nil, 0)  // a noiseless measurement: least squares
            return
        }
        (model, estimatedSigma) = (try GaussianNoise(sigma: sigma), sigma)
    }

    /// One line for the report: the model, and σ̂ with its estimator when estimated.
    public var description: String {
        switch (model, estimatedSigma) {
        case let (model?, sigma?): "\(model), σ estimated from y (σ̂ = \(String(format: "%.4g", sigma)), weak-texture patches)"
        case let (model?, nil): "\(model)"
        case (nil, 0?): "none (σ̂ = 0: y holds no noise the estimator can see); least squares"
        case (nil, _): "none; least squares"
        }
    }
}
