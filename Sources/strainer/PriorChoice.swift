import ArgumentParser
import Foundation
import Imaging
import Priors

/// The ways the CLI names a prior to fit from.
extension ComparedPrior {
    /// The family's own random initialisation.
    static func random(label: String = "random", seed: UInt64) -> ComparedPrior {
        ComparedPrior(name: label, prior: RandomPrior(), description: "the family's own random initialisation", seed: seed)
    }

    /// A prior file (`strainer train-prior` output, or one trained in PyTorch); its provenance goes into the report.
    static func file(_ url: URL, label: String? = nil, freezeEncoder: Bool, seed: UInt64) throws -> ComparedPrior {
        try describe(PriorFile.read(url), at: url, label: label, freezeEncoder: freezeEncoder, seed: seed)
    }

    /// A prior already read from `url`.
    static func describe(_ file: PriorFile, at url: URL, label: String? = nil, freezeEncoder: Bool, seed: UInt64) -> ComparedPrior {
        var description = "\(file.kind.rawValue) prior \(url.lastPathComponent)"
        if let provenance = file.provenance {
            description += " trained on \(provenance.imageNames.count) image(s) of \(provenance.dataset)/\(provenance.split), "
                + "\(provenance.iterations) steps in \(ProgressLine.duration(provenance.trainingSeconds)), seed \(provenance.seed)"
        }
        if freezeEncoder, case .sharedEncoder = file.content { description += ", encoder frozen" }
        return ComparedPrior(name: label ?? file.kind.rawValue, prior: file.prior(freezeEncoder: freezeEncoder),
                             description: description, seed: seed, fileDigest: try? SHA256.hexDigest(ofFileAt: url))
    }

    /// A `--prior` argument: `random`, or the path of a prior file.
    static func argument(_ text: String, freezeEncoder: Bool, seed: UInt64) throws -> ComparedPrior {
        if text == "random" { return random(seed: seed) }
        guard FileManager.default.fileExists(atPath: text) else {
            throw ValidationError("--prior \(text): no such file; expected 'random' or a prior file (.safetensors from `strainer train-prior`)")
        }
        return try file(URL(fileURLWithPath: text), freezeEncoder: freezeEncoder, seed: seed)
    }
}
