import INR

/// The INR a problem's fits use (`network:`), by family and hyper-parameters; the defaults are the paper's
/// 6 × 256 SIREN with ω₀ = 30. The solver maps it onto an `INR.Architecture` with the problem's channels as outputs.
public struct NetworkSpec: Decodable, Equatable, Sendable {
    public enum Family: String, CaseIterable, Sendable {
        /// sin(ω₀·(Wx + b)) layers (Sitzmann et al. 2020); takes `omega`.
        case siren
        /// Random Fourier features γ(v) = [cos 2πBv, sin 2πBv], B ~ N(0, σ²), then a ReLU MLP; takes `features`, `sigma`.
        case fourier
        /// exp(−(s·z)²) activations; takes `scale`.
        case gaussian
    }

    public var family: Family = .siren
    /// Width of the hidden layers.
    public var width = 256
    /// Number of dense layers.
    public var layers = 6
    /// SIREN ω₀ of the first and hidden layers.
    public var omega = 30.0
    /// Fourier features: number of random frequencies.
    public var features = 256
    /// Fourier features: standard deviation σ of the frequencies.
    public var sigma = 10.0
    /// Gaussian activation: scale s.
    public var scale = 10.0

    /// The paper's SIREN: 6 layers of 256, ω₀ = 30.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case family, width, layers, omega, features, sigma, scale }

    /// The keys each family reads besides `family`, `width` and `layers`.
    private static func ownKeys(of family: Family) -> Set<CodingKeys> {
        switch family {
        case .siren: return [.omega]
        case .fourier: return [.features, .sigma]
        case .gaussian: return [.scale]
        }
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let values = try decoder.container(keyedBy: CodingKeys.self)
        family = try values.choice(.family, default: .siren)
        width = try values.integer(.width, default: width, atLeast: 1, limit: .networkWidth)
        layers = try values.integer(.layers, default: layers, atLeast: 2, limit: .networkLayers)
        let own = Self.ownKeys(of: family)
        for key in [CodingKeys.omega, .features, .sigma, .scale] where values.contains(key) && !own.contains(key) {
            throw values.invalid(key, "does not apply to family \(family.rawValue) (it takes \(own.map(\.stringValue).sorted().joined(separator: ", ")))")
        }
        omega = try values.number(.omega, default: omega, above: 0)
        features = try values.integer(.features, default: features, atLeast: 1, limit: .fourierFeatures)
        sigma = try values.number(.sigma, default: sigma, above: 0)
        scale = try values.number(.scale, default: scale, above: 0)
    }
}
