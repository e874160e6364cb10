import ArgumentParser
import INR
import Runs

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

    /// The network these options name.
    var choice: NetworkChoice {
        var choice = NetworkChoice()
        (choice.family, choice.width, choice.layers, choice.omega) = (family, width, layers, omega)
        (choice.features, choice.sigma, choice.scale) = (features, sigma, scale)
        return choice
    }

    /// Refuses widths, depths and feature counts above their ``SizeLimit``: a bad value (one error line when
    /// `run()` throws it), not a usage mistake.
    func checkLimits() throws {
        try choice.checkLimits()
    }

    /// The architecture these options name, for `outputs` channels, within the limits (``checkLimits()``).
    func architecture(outputs: Int) throws -> Architecture {
        try choice.architecture(outputs: outputs)
    }
}
