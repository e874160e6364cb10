import INR

/// How a trained encoder seeds a new network, and which of its layers keep learning.
///
/// The new network's first `layers` layers are copied from the encoder; every later layer, the decoder included,
/// is the family's own initialisation drawn from the fit's seed (for SIREN, Sitzmann et al.'s). During the fit
/// the first `frozenLayers` layers stay fixed and the rest are fine-tuned. The default — the whole encoder
/// transferred, nothing frozen — is the STRAINER paper's recipe; freezing the whole encoder trains the decoder only.
///
/// Transferring fewer layers keeps the domain's early features and lets the deeper ones start afresh; freezing the
/// first layers keeps them out of reach of the new signal (the depth that transfers best varies with the domain and
/// the task, so it is a parameter here, not a constant).
public struct EncoderTransfer: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Which leading layers stay fixed during the fit.
    public enum Freezing: Codable, Equatable, Sendable {
        /// Every layer trains (the paper's fine-tuning).
        case none
        /// The first `n` layers stay fixed (0 ≤ n ≤ the transferred layers).
        case firstLayers(Int)
        /// Every transferred layer stays fixed.
        case transferredLayers
    }

    /// Encoder layers copied into the new network; nil copies the whole encoder.
    public var layers: Int?
    public var freezing: Freezing

    /// `.firstLayers(0)` is stored as `.none`, so that equal transfers compare equal.
    public init(layers: Int? = nil, freezing: Freezing = .none) {
        self.layers = layers
        self.freezing = freezing == .firstLayers(0) ? .none : freezing
    }

    /// The paper's recipe: the whole encoder transferred and fine-tuned with a fresh decoder.
    public static let wholeEncoder = EncoderTransfer()

    /// The whole encoder transferred and kept fixed: only the decoder trains.
    public static let frozenEncoder = EncoderTransfer(freezing: .transferredLayers)

    /// Whether this is the paper's recipe.
    public var isWholeEncoder: Bool { self == .wholeEncoder }

    /// The transferred and frozen layer counts for an encoder of `depth` layers; throws, naming the setting,
    /// unless 1 ≤ transferred ≤ depth and 0 ≤ frozen ≤ transferred.
    public func resolved(encoderDepth depth: Int) throws -> (transferred: Int, frozen: Int) {
        let transferred = layers ?? depth
        guard (1...max(depth, 1)).contains(transferred) else {
            throw PriorError("transferred layers", "is \(transferred); the prior's encoder has \(depth) layer(s), so expected 1…\(depth)")
        }
        let frozen: Int
        switch freezing {
        case .none: frozen = 0
        case .transferredLayers: frozen = transferred
        case let .firstLayers(count): frozen = count
        }
        guard (0...transferred).contains(frozen) else {
            throw PriorError("frozen layers", "is \(frozen); expected 0…\(transferred) (only transferred layers can be frozen)")
        }
        return (transferred, frozen)
    }

    /// "whole encoder", "first 3 of 5 encoder layers, first 2 frozen", "encoder frozen", … for reports.
    public var description: String {
        let copied = layers.map { "first \($0) encoder layer(s)" } ?? "whole encoder"
        switch freezing {
        case .none: return copied + ", fine-tuned"
        case .transferredLayers: return copied + ", frozen"
        case let .firstLayers(count): return copied + ", first \(count) layer(s) frozen"
        }
    }
}
