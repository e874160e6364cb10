import INR
import SeededRandom

/// An encoder shared by K images, each with its own decoder — what STRAINER trains (Vyas et al. 2024).
///
/// For a full architecture f = d ∘ e split after `encoderDepth` layers, image k is represented by
/// d_k(e(x)): the encoder e (its last layer activated) maps coordinates to features, decoder d_k maps features
/// to image k's channels. A new image starts from e and a fresh decoder.
public struct SharedEncoder: Sendable {
    /// The full network architecture (encoder followed by one decoder).
    public let architecture: Architecture
    /// e: the first `architecture.encoderDepth` layers.
    public var encoder: Network
    /// d_1 … d_K, one per training image.
    public var decoders: [Network]

    /// A freshly initialised encoder with `count` decoders: every part is drawn exactly as the same layers of a
    /// network initialised from scratch (Sitzmann's initialisation for SIREN), the encoder from `seed`, decoder k
    /// from the k-th seed derived from it.
    public init(architecture: Architecture, decoderCount count: Int, seed: UInt64) throws {
        guard count >= 1 else {
            throw PriorError("decoders", "\(count) requested; a shared encoder needs at least one image (K ≥ 1)")
        }
        self.architecture = architecture
        encoder = try Network(architecture: architecture, seed: seed).split().encoder
        decoders = try (1...count).map { k in try Self.freshDecoder(of: architecture, seed: SeedSequence.derive(seed, stream: UInt64(k))) }
    }

    /// Wraps trained parts; their architectures must be the two halves of `architecture`.
    public init(architecture: Architecture, encoder: Network, decoders: [Network]) throws {
        let halves = try Network(architecture: architecture, seed: 0).split()
        guard encoder.architecture == halves.encoder.architecture else {
            throw PriorError("encoder", "has layers \(encoder.architecture.dimensions); \(architecture.dimensions) split after \(architecture.encoderDepth) layers needs \(halves.encoder.architecture.dimensions)")
        }
        for (k, decoder) in decoders.enumerated() where decoder.architecture != halves.decoder.architecture {
            throw PriorError("decoder \(k)", "has layers \(decoder.architecture.dimensions); expected \(halves.decoder.architecture.dimensions)")
        }
        self.architecture = architecture
        self.encoder = encoder
        self.decoders = decoders
    }

    /// The decoder half of a network of `architecture` initialised from `seed`.
    public static func freshDecoder(of architecture: Architecture, seed: UInt64) throws -> Network {
        try Network(architecture: architecture, seed: seed).split().decoder
    }

    /// The full network d ∘ e: θ = θ_e followed by θ_d.
    public func network(decoder: Network) throws -> Network {
        try Network(architecture: architecture, parameters: encoder.parameters + decoder.parameters,
                    fourierMatrix: encoder.fourierMatrix)
    }
}
