/// The network families, chosen by name with their hyper-parameters.
public enum Family: Equatable, Sendable {
    /// SIREN: sin(ω0·(Wx + b)) after each layer but the last; ω0 = `omegaFirst` on the first layer,
    /// `omegaHidden` on the others. Initialisation of Sitzmann et al. 2020.
    case siren(omegaFirst: Float, omegaHidden: Float)
    /// Gaussian random Fourier features γ(v) = [cos(2πBv), sin(2πBv)], B (`features` × inputs) ~ N(0, σ²),
    /// followed by a ReLU MLP (Tancik et al. 2020). The first dense layer sees 2·`features` inputs.
    case fourierFeatures(features: Int, sigma: Float)
    /// An MLP with the Gaussian activation exp(−(s·z)²) after each layer but the last.
    case gaussian(scale: Float)
    /// A plain ReLU MLP on the raw inputs (the decoder half of a Fourier-feature network).
    case relu

    /// The family's name as used on the command line and in checkpoint metadata.
    public var name: String {
        switch self {
        case .siren: return "siren"
        case .fourierFeatures: return "fourier"
        case .gaussian: return "gaussian"
        case .relu: return "relu"
        }
    }
}

/// A multilayer perceptron: `dimensions = [d0, d1, …, dL]`, layer k (0-based) maps d_k → d_{k+1}, so there are
/// L = `dimensions.count − 1` dense layers (for Fourier features, layer 0 maps 2·features → d1 instead).
///
/// The first `encoderDepth` layers form the *encoder* shared between images by STRAINER priors, the remaining
/// layers the per-image *decoder* (by default the last layer alone, as in the paper).
public struct Architecture: Equatable, Sendable {
    public var family: Family
    public var dimensions: [Int]
    /// Whether the last layer is followed by the family's activation too (true for an encoder evaluated on its own).
    public var activatesLastLayer: Bool
    /// Number of leading layers forming the shared encoder.
    public var encoderDepth: Int

    /// A network of `layers` dense layers: `inputs → width → … → width → outputs`.
    public init(
        family: Family, inputs: Int = 2, width: Int = 256, layers: Int = 6, outputs: Int,
        activatesLastLayer: Bool = false
    ) throws {
        guard layers >= 1 else {
            throw INRError.invalidArchitecture(field: "layers", problem: "is \(layers); expected at least 1")
        }
        try self.init(
            family: family, dimensions: [inputs] + Array(repeating: width, count: layers - 1) + [outputs],
            activatesLastLayer: activatesLastLayer)
    }

    /// A network with explicit layer dimensions; validated.
    public init(family: Family, dimensions: [Int], activatesLastLayer: Bool = false, encoderDepth: Int? = nil)
        throws
    {
        self.family = family
        self.dimensions = dimensions
        self.activatesLastLayer = activatesLastLayer
        self.encoderDepth = encoderDepth ?? max(dimensions.count - 2, 0)
        try validate()
    }

    /// The 6 × 256 SIREN of the STRAINER paper: 2 → 256 → … → 256 → `outputs`, ω0 = 30.
    public static func siren(
        outputs: Int, width: Int = 256, layers: Int = 6, omega: Float = 30
    ) throws -> Architecture {
        try Architecture(family: .siren(omegaFirst: omega, omegaHidden: omega), width: width, layers: layers,
                         outputs: outputs)
    }

    /// Number of dense layers.
    public var layerCount: Int { dimensions.count - 1 }

    /// Inputs of dense layer `k` (2·features for the first layer of a Fourier-feature network).
    public func inputs(ofLayer k: Int) -> Int {
        if k == 0, case let .fourierFeatures(features, _) = family { return 2 * features }
        return dimensions[k]
    }

    /// Outputs of dense layer `k`.
    public func outputs(ofLayer k: Int) -> Int { dimensions[k + 1] }

    /// The activation after dense layer `k`.
    public func activation(ofLayer k: Int) -> Activation {
        if k == layerCount - 1 && !activatesLastLayer { return .identity }
        switch family {
        case let .siren(omegaFirst, omegaHidden): return .sine(omega: k == 0 ? omegaFirst : omegaHidden)
        case .fourierFeatures, .relu: return .relu
        case let .gaussian(scale): return .gaussian(scale: scale)
        }
    }

    /// Checks every hyper-parameter; throws ``INRError/invalidArchitecture(field:problem:)`` naming the first bad one.
    public func validate() throws {
        guard dimensions.count >= 2 else {
            throw INRError.invalidArchitecture(
                field: "dimensions", problem: "\(dimensions) has fewer than 2 entries; expected [inputs, …, outputs]")
        }
        if let k = dimensions.firstIndex(where: { $0 <= 0 }) {
            let field = k == 0 ? "inputs" : k == dimensions.count - 1 ? "outputs" : "width of layer \(k - 1)"
            throw INRError.invalidArchitecture(field: field, problem: "is \(dimensions[k]); expected at least 1")
        }
        guard (0...layerCount).contains(encoderDepth) else {
            throw INRError.invalidArchitecture(
                field: "encoder depth", problem: "is \(encoderDepth); expected 0…\(layerCount)")
        }
        switch family {
        case let .siren(omegaFirst, omegaHidden):
            for (name, omega) in [("ω0 (first layer)", omegaFirst), ("ω0 (hidden layers)", omegaHidden)]
            where !(omega > 0 && omega.isFinite) {
                throw INRError.invalidArchitecture(field: name, problem: "is \(omega); expected a finite value > 0")
            }
        case let .fourierFeatures(features, sigma):
            guard features >= 1 else {
                throw INRError.invalidArchitecture(field: "Fourier features", problem: "is \(features); expected at least 1")
            }
            guard sigma > 0 && sigma.isFinite else {
                throw INRError.invalidArchitecture(field: "Fourier σ", problem: "is \(sigma); expected a finite value > 0")
            }
        case let .gaussian(scale):
            guard scale > 0 && scale.isFinite else {
                throw INRError.invalidArchitecture(field: "Gaussian scale", problem: "is \(scale); expected a finite value > 0")
            }
        case .relu:
            break
        }
        if let k = dimensions.firstIndex(where: { $0 > Self.maximumDimension }) {
            throw INRError.invalidArchitecture(field: "dimensions", problem: "\(dimensions) has entry \(k) above \(Self.maximumDimension)")
        }
        if case let .fourierFeatures(features, _) = family, features > Self.maximumDimension {
            throw INRError.invalidArchitecture(field: "Fourier features", problem: "is \(features); expected at most \(Self.maximumDimension)")
        }
        guard parameterCount != nil else {
            throw INRError.invalidArchitecture(
                field: "dimensions", problem: "\(dimensions) describe more than 2^62 parameters; expected a network that fits in memory")
        }
    }

    /// Largest layer width or feature count an architecture may state (2^31): beyond any network that fits in
    /// memory, and small enough that products of two never overflow.
    public static let maximumDimension = 1 << 31

    /// Weights and biases of every dense layer plus the Fourier matrix B; nil above 2^62 (dimensions read from a
    /// hostile file), which keeps every sum and product of the count from overflowing.
    public var parameterCount: Int? {
        var terms = (0..<layerCount).map { (inputs(ofLayer: $0), outputs(ofLayer: $0) + 1) }
        if case let .fourierFeatures(features, _) = family { terms.append((features, dimensions[0])) }
        guard terms.reduce(0.0, { $0 + Double($1.0) * Double($1.1) }) < 0x1p62 else { return nil }
        return terms.reduce(0) { $0 + $1.0 * $1.1 }
    }
}
