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

    /// The first `layers` encoder layers copied (nil: the whole encoder) and the first `frozenLayers` kept fixed
    /// (nil: none), as a problem file's `transfer_layers` and `freeze_layers` say.
    public init(layers: Int?, frozenLayers: Int?) {
        self.init(layers: layers, freezing: frozenLayers.map { .firstLayers($0) } ?? .none)
    }

    /// The paper's recipe: the whole encoder transferred and fine-tuned with a fresh decoder.
    public static let wholeEncoder = EncoderTransfer()

    /// The whole encoder transferred and kept fixed: only the decoder trains.
    public static let frozenEncoder = EncoderTransfer(freezing: .transferredLayers)

    /// Whether this is the paper's recipe.
    public var isWholeEncoder: Bool { self == .wholeEncoder }

    /// A layer count out of its range: which one, its value and the values it may take.
    public struct RangeViolation: Equatable, Sendable {
        public enum Count: Equatable, Sendable {
            /// The encoder layers copied: 1…the encoder's depth.
            case transferred
            /// The leading layers kept fixed: 0…the transferred layers.
            case frozen
        }

        public var count: Count
        public var value: Int
        public var allowed: ClosedRange<Int>

        /// The allowed values as messages spell them: `1…4`, or `≥ 1` when nothing bounds them from above.
        public var expected: String {
            allowed.upperBound == .max ? "≥ \(allowed.lowerBound)" : "\(allowed.lowerBound)…\(allowed.upperBound)"
        }
    }

    /// The one check of the layer counts: 1 ≤ transferred ≤ `depth` and 0 ≤ frozen ≤ transferred; nil when both lie
    /// in range. With `depth` nil (the encoder not known yet, as on the command line) only the lower bounds and the
    /// frozen layers' bound by given transferred ones are checked.
    public func rangeViolation(encoderDepth depth: Int?) -> RangeViolation? {
        let transferred = layers ?? depth
        if let transferred {
            let allowed = 1...max(depth ?? .max, 1)
            if !allowed.contains(transferred) { return RangeViolation(count: .transferred, value: transferred, allowed: allowed) }
        }
        guard let frozen = frozenLayers(of: transferred) else { return nil }
        let allowed = 0...(transferred ?? .max)
        return allowed.contains(frozen) ? nil : RangeViolation(count: .frozen, value: frozen, allowed: allowed)
    }

    /// The transferred and frozen layer counts for an encoder of `depth` layers; throws, naming the setting,
    /// unless they lie in range (``rangeViolation(encoderDepth:)``).
    public func resolved(encoderDepth depth: Int) throws -> (transferred: Int, frozen: Int) {
        if let violation = rangeViolation(encoderDepth: depth) {
            switch violation.count {
            case .transferred:
                throw PriorError("transferred layers",
                                 "is \(violation.value); the prior's encoder has \(depth) layer(s), so expected \(violation.expected)")
            case .frozen:
                throw PriorError("frozen layers", "is \(violation.value); expected \(violation.expected) (only transferred layers can be frozen)")
            }
        }
        let transferred = layers ?? depth
        return (transferred, frozenLayers(of: transferred) ?? transferred)
    }

    /// The frozen layers when `transferred` layers are copied; nil for every transferred layer (a count not known
    /// while `transferred` is not).
    private func frozenLayers(of transferred: Int?) -> Int? {
        switch freezing {
        case .none: 0
        case .transferredLayers: transferred
        case let .firstLayers(count): count
        }
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
