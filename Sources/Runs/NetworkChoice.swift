import INR

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

    /// The architecture named, for `outputs` channels, within the limits (``checkLimits()``).
    public func architecture(outputs: Int) throws -> Architecture {
        try checkLimits()
        let chosen: Family
        switch family {
        case "siren": chosen = .siren(omegaFirst: omega, omegaHidden: omega)
        case "fourier": chosen = .fourierFeatures(features: features, sigma: sigma)
        case "gaussian": chosen = .gaussian(scale: scale)
        default: throw RunError("--family is '\(family)'; expected siren, fourier or gaussian")
        }
        return try Architecture(family: chosen, width: width, layers: layers, outputs: outputs)
    }
}
