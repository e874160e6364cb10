import INR

/// STRAINER transfer: the trained encoder followed by a freshly initialised decoder (seeded), the whole network
/// fine-tuned (the paper's default) or the encoder frozen (`freezeEncoder`).
///
/// The decoder's outputs may differ from the training images' (an RGB-trained encoder seeds a gray fit): only the
/// encoder must match the requested architecture.
public struct StrainerPrior: Prior {
    public let name: String
    public let model: SharedEncoder
    public let freezeEncoder: Bool

    public init(name: String = "strainer", model: SharedEncoder, freezeEncoder: Bool = false) {
        self.name = name
        self.model = model
        self.freezeEncoder = freezeEncoder
    }

    public func initialization(for architecture: Architecture, seed: UInt64) throws -> Initialization {
        let depth = model.architecture.encoderDepth
        let trained = model.architecture
        guard architecture.family == trained.family, architecture.encoderDepth == depth,
              Array(architecture.dimensions.prefix(depth + 1)) == Array(trained.dimensions.prefix(depth + 1)),
              architecture.dimensions.count == trained.dimensions.count else {
            throw PriorError("prior \(name)",
                             "its encoder is \(trained.family.name) \(Array(trained.dimensions.prefix(depth + 1))) shared over \(depth) layers of \(trained.dimensions); the requested network \(architecture.family.name) \(architecture.dimensions) (encoder depth \(architecture.encoderDepth)) does not start with it")
        }
        let decoder = try SharedEncoder.freshDecoder(of: architecture, seed: seed)
        let network = try Network(architecture: architecture, parameters: model.encoder.parameters + decoder.parameters,
                                  fourierMatrix: model.encoder.fourierMatrix)
        return Initialization(network: network, frozenParameterCount: freezeEncoder ? model.encoder.layout.count : 0)
    }
}

/// A whole network learned beforehand — fitted to another image of the domain (the paper's "SIREN fine-tuned")
/// or meta-learned — used as the initialization of every fit, whatever the seed.
public struct NetworkPrior: Prior {
    public let name: String
    public let network: Network

    public init(name: String, network: Network) {
        self.name = name
        self.network = network
    }

    public func initialization(for architecture: Architecture, seed: UInt64) throws -> Initialization {
        guard architecture == network.architecture else {
            throw PriorError("prior \(name)",
                             "was learned for \(network.architecture.family.name) \(network.architecture.dimensions); the requested network is \(architecture.family.name) \(architecture.dimensions)")
        }
        return Initialization(network: network)
    }
}
