import Foundation
import Operators

/// BM3D denoising (Dabov et al. 2007; ``BM3DDenoiser``) as a baseline for `A = I` and as a ``Denoiser`` for
/// plug-and-play. Gray images are filtered as they are; RGB images in the opponent colour space
/// (``OpponentColor``), the blocks matched on the luminance and each channel filtered with its own σ, as colour
/// BM3D and the reference `bm3d` package (`bm3d_rgb`) do. Other channel counts are filtered channel by channel.
///
/// σ is the noise's standard deviation on the [0, 1] scale: ``sigma`` when given, else estimated from the
/// measurement by ``Operators/NoiseLevelEstimate/sigma(_:shape:)`` (images of at least 16 × 16).
public struct BM3DBaseline: Reconstructor, Denoiser {
    /// The noise level, or `nil` to estimate it from the measurement.
    public let sigma: Double?
    /// The settings of both stages; `nil` for ``BM3DParameters/published(sigma:)`` at the noise of the matched plane.
    public let parameters: BM3DParameters?
    /// Whether the reference rows are spread over every core (the result is the same bits either way).
    public let parallel: Bool

    /// Throws when `sigma` is given and is not a finite number > 0.
    public init(sigma: Double? = nil, parameters: BM3DParameters? = nil, parallel: Bool = true) throws {
        if let sigma { try checkNoiseLevel(sigma, owner: "bm3d") }
        self.sigma = sigma
        self.parameters = parameters
        self.parallel = parallel
    }

    public var description: String {
        "bm3d(σ = \(sigma.map { "\($0)" } ?? "estimated from y"), \(Block.side)×\(Block.side) blocks, "
            + (parameters == nil ? "published parameters)" : "parameters \(parameters!))")
    }

    public func reconstruct(_ measurement: [Float], through forward: any LinearOperator) throws -> [Float] {
        try checkMeasurement(measurement, of: forward, by: "bm3d")
        guard forward is IdentityOperator else {
            throw BaselineError.inapplicable(baseline: "bm3d", forward: "\(forward)", appliesTo: "identity (denoising); use pnp for other operators")
        }
        let noise = try sigma ?? NoiseLevelEstimate.sigma(measurement, shape: forward.inputShape)
        return try denoise(measurement, shape: forward.inputShape, sigma: noise)
    }

    public func denoise(_ samples: [Float], shape: ImageShape, sigma: Double) throws -> [Float] {
        try checkNoiseLevel(sigma, owner: "bm3d")
        guard shape.height >= Block.side, shape.width >= Block.side else {
            throw OperatorError.invalidParameter(
                owner: "bm3d", parameter: "image",
                message: "is \(shape.height)×\(shape.width); expected at least \(Block.side)×\(Block.side) pixels (one block)")
        }
        guard samples.count == shape.count else {
            throw OperatorError.shapeMismatch(what: "bm3d input", expected: shape, got: "\(samples.count) samples")
        }
        guard samples.allSatisfy(\.isFinite) else {
            throw OperatorError.invalidParameter(owner: "bm3d", parameter: "image",
                                                 message: "holds a NaN or infinite sample; expected finite intensities")
        }
        if shape.channels == 3 {
            let sigmas = OpponentColor.channelSigmas(Float(sigma))
            let planes = OpponentColor.planes(fromRGB: samples, height: shape.height, width: shape.width)
            return OpponentColor.rgbSamples(from: denoiser(matchingNoise: sigmas[0]).denoise(planes, sigmas: sigmas))
        }
        let denoiser = denoiser(matchingNoise: Float(sigma))
        var result = [Float](repeating: 0, count: samples.count)
        for channel in 0..<shape.channels {
            let plane = ChannelPlanes(height: shape.height, width: shape.width, channels: 1,
                                      samples: (0..<shape.pixelCount).map { samples[$0 * shape.channels + channel] })
            let denoised = denoiser.denoise(plane, sigmas: [Float(sigma)])
            for p in 0..<shape.pixelCount { result[p * shape.channels + channel] = denoised.samples[p] }
        }
        return result
    }

    /// The two-stage filter with this baseline's settings, or the published ones for noise `sigma` on the matched plane.
    private func denoiser(matchingNoise sigma: Float) -> BM3DDenoiser {
        BM3DDenoiser(parameters: parameters ?? .published(sigma: Double(sigma)), parallel: parallel)
    }
}
