import ArgumentParser
import Priors

/// How a STRAINER prior's encoder seeds each fit (`--freeze-encoder`, `--transfer-layers`, `--freeze-layers`);
/// whole-network priors (`fitted`, `meta`) and `random` ignore them.
struct TransferOptions: ParsableArguments {
    @Flag(help: "Keep a STRAINER prior's transferred encoder layers fixed and train only the rest (default: fine-tune everything).")
    var freezeEncoder = false

    @Option(help: ArgumentHelp("Copy only the first K layers of a STRAINER prior's encoder; the later ones start from the family's random initialisation (default: the whole encoder).", valueName: "K"))
    var transferLayers: Int?

    @Option(help: ArgumentHelp("Keep the first K layers of the network fixed during the fit (K ≤ the transferred layers; default 0).", valueName: "K"))
    var freezeLayers: Int?

    func validate() throws {
        if freezeEncoder && freezeLayers != nil {
            throw ValidationError("give either --freeze-encoder (every transferred layer) or --freeze-layers K, not both")
        }
        guard let violation = transfer.rangeViolation(encoderDepth: nil) else { return }
        switch violation.count {
        case .transferred:
            throw ValidationError("--transfer-layers is \(violation.value); expected \(violation.expected) (use --prior random for none)")
        case .frozen where violation.value > violation.allowed.upperBound:
            throw ValidationError("--freeze-layers \(violation.value) exceeds --transfer-layers \(violation.allowed.upperBound); only transferred layers can be frozen")
        case .frozen:
            throw ValidationError("--freeze-layers is \(violation.value); expected \(violation.expected)")
        }
    }

    /// Whether any of the options was given (they then override a problem file's `transfer_layers`/`freeze_layers`).
    var isGiven: Bool { freezeEncoder || transferLayers != nil || freezeLayers != nil }

    /// The transfer these options ask for.
    var transfer: EncoderTransfer {
        let freezing: EncoderTransfer.Freezing
        if freezeEncoder {
            freezing = .transferredLayers
        } else if let freezeLayers {
            freezing = .firstLayers(freezeLayers)
        } else {
            freezing = .none
        }
        return EncoderTransfer(layers: transferLayers, freezing: freezing)
    }
}
