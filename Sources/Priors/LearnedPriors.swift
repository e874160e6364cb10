import INR

/// STRAINER transfer: the trained encoder's first layers followed by the family's own initialisation of the rest,
/// decoder included, drawn from the fit's seed; by default the whole encoder is transferred and the whole network
/// fine-tuned (the paper's recipe). ``EncoderTransfer`` sets how many layers are copied and how many stay frozen.
///
/// The decoder's outputs may differ from the training images' (an RGB-trained encoder seeds a gray fit): only the
/// encoder must match the requested architecture.
public struct StrainerPrior: Prior {
    public let name: String
    public let model: SharedEncoder
    public let transfer: EncoderTransfer

    public init(name: String = "strainer", model: SharedEncoder, transfer: EncoderTransfer = .wholeEncoder) {
        self.name = name
        self.model = model
        self.transfer = transfer
    }

    /// θ = θ_encoder's first `transferred` layers, then the random network of `seed` from that layer on; the
    /// first `frozen` layers' parameters are reported as frozen.
    public func initialization(for architecture: Architecture, seed: UInt64) throws -> Initialization {
        let depth = model.architecture.encoderDepth
        let trained = model.architecture
        guard architecture.family == trained.family, architecture.encoderDepth == depth,
              Array(architecture.dimensions.prefix(depth + 1)) == Array(trained.dimensions.prefix(depth + 1)),
              architecture.dimensions.count == trained.dimensions.count else {
            throw PriorError("prior \(name)",
                             "its encoder is \(trained.family.name) \(Array(trained.dimensions.prefix(depth + 1))) shared over \(depth) layers of \(trained.dimensions); the requested network \(architecture.family.name) \(architecture.dimensions) (encoder depth \(architecture.encoderDepth)) does not start with it")
        }
        let (transferred, frozen) = try transfer.resolved(encoderDepth: depth)
        let fresh = try Network(architecture: architecture, seed: seed)
        let layers = fresh.layout.layers
        let copied = layers[transferred - 1].end
        let network = try Network(architecture: architecture,
                                  parameters: Array(model.encoder.parameters[..<copied]) + fresh.parameters[copied...],
                                  fourierMatrix: model.encoder.fourierMatrix)
        return Initialization(network: network, frozenParameterCount: frozen == 0 ? 0 : layers[frozen - 1].end)
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
