import INR
import Problems

/// A network named by its family and sizes (`--family`, `--width`, `--layers`, `--omega`, …), as a run records it.
public struct NetworkChoice: Codable, Equatable {
    /// `siren`, `fourier` (Fourier features + ReLU MLP) or `gaussian`.
    public var family = "siren"
    public var width = 256
    public var layers = 6
    /// SIREN ω0 of the first and hidden layers.
    public var omega: Float = 30
    /// Fourier features: number of random frequencies, and their standard deviation.
    public var features = 256
    public var sigma: Float = 10
    /// Gaussian activation exp(−(s·z)²): scale s.
    public var scale: Float = 10

    public init() {}

    /// Refuses widths, depths and feature counts above their ``SizeLimit``.
    public func checkLimits() throws {
        try SizeLimit.networkWidth.check(width, subject: "--width")
        try SizeLimit.networkLayers.check(layers, subject: "--layers")
        try SizeLimit.fourierFeatures.check(features, subject: "--features")
    }

    /// The architecture named, for `outputs` channels, within the limits (``checkLimits()``): the one a problem
    /// file's `network:` of the same family and sizes names (``NetworkSpec/architecture(outputs:encoderDepth:)``), its
    /// first `encoderDepth` layers shared by a STRAINER prior (default: all but the last).
    public func architecture(outputs: Int, encoderDepth: Int? = nil) throws -> Architecture {
        try checkLimits()
        guard let chosen = NetworkSpec.Family(rawValue: family) else {
            throw RunError("--family is '\(family)'; expected siren, fourier or gaussian")
        }
        var network = NetworkSpec()
        network.family = chosen
        network.width = width
        network.layers = layers
        network.omega = Double(omega)
        network.features = features
        network.sigma = Double(sigma)
        network.scale = Double(scale)
        return try network.architecture(outputs: outputs, encoderDepth: encoderDepth)
    }
}
