import ArgumentParser
import INR

/// The network options shared by `fit`, `train-prior` and `compare-priors`.
struct NetworkOptions: ParsableArguments {
    @Option(help: "Network family: siren, fourier (Fourier features + ReLU MLP) or gaussian.")
    var family = "siren"

    @Option(help: "Width of the hidden layers.")
    var width = 256

    @Option(help: "Number of dense layers (the paper's SIREN has 6).")
    var layers = 6

    @Option(help: "SIREN ω0 of the first and hidden layers.")
    var omega: Float = 30

    @Option(help: "Fourier features: number of random frequencies.")
    var features = 256

    @Option(help: "Fourier features: standard deviation σ of the frequencies.")
    var sigma: Float = 10

    @Option(help: "Gaussian activation exp(−(s·z)²): scale s.")
    var scale: Float = 10

    /// Refuses widths, depths and feature counts above their ``SizeLimit``: a bad value (one error line when
    /// `run()` throws it), not a usage mistake.
    func checkLimits() throws {
        try SizeLimit.networkWidth.check(width, subject: "--width")
        try SizeLimit.networkLayers.check(layers, subject: "--layers")
        try SizeLimit.fourierFeatures.check(features, subject: "--features")
    }

    /// The architecture these options name, for `outputs` channels, within the limits (``checkLimits()``).
    func architecture(outputs: Int) throws -> Architecture {
        try checkLimits()
        let chosen: Family
        switch family {
        case "siren": chosen = .siren(omegaFirst: omega, omegaHidden: omega)
        case "fourier": chosen = .fourierFeatures(features: features, sigma: sigma)
        case "gaussian": chosen = .gaussian(scale: scale)
        default: throw ValidationError("--family is '\(family)'; expected siren, fourier or gaussian")
        }
        return try Architecture(family: chosen, width: width, layers: layers, outputs: outputs)
    }
}
