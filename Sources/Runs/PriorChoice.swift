import Foundation
import Imaging
import Priors

/// The ways a command names a prior to fit from.
extension ComparedPrior {
    /// The family's own random initialisation.
    public static func random(label: String = "random", seed: UInt64) -> ComparedPrior {
        ComparedPrior(name: label, prior: RandomPrior(), description: "the family's own random initialisation", seed: seed)
    }

    /// A prior file (`strainer train-prior` output, or one trained in PyTorch); its provenance goes into the report.
    public static func file(_ url: URL, label: String? = nil, transfer: EncoderTransfer, seed: UInt64) throws -> ComparedPrior {
        try describe(PriorFile.read(url), at: url, label: label, transfer: transfer, seed: seed)
    }

    /// A prior already read from `url`.
    public static func describe(_ file: PriorFile, at url: URL, label: String? = nil, transfer: EncoderTransfer, seed: UInt64) -> ComparedPrior {
        var description = "\(file.kind.rawValue) prior \(url.lastPathComponent)"
        if let provenance = file.provenance {
            description += " trained on \(provenance.imageNames.count) image(s) of \(provenance.dataset)/\(provenance.split), "
                + "\(provenance.iterations) steps in \(ProgressLine.duration(provenance.trainingSeconds)), seed \(provenance.seed)"
        }
        if !transfer.isWholeEncoder, case .sharedEncoder = file.content { description += "; transfer: \(transfer)" }
        return ComparedPrior(name: label ?? file.kind.rawValue, prior: file.prior(transfer: transfer),
                             description: description, seed: seed, fileDigest: try? SHA256.hexDigest(ofFileAt: url))
    }

    /// A learned prior the run trains itself: read from its file once `trained` (the file's prior), else an
    /// ``UntrainedPrior`` until its training task has run. Its ``identity`` is the same either way.
    public static func learned(_ training: PriorTrainingTask, trained file: PriorFile?, transfer: EncoderTransfer, seed: UInt64) -> ComparedPrior {
        let identity = "\(training.request.kind.rawValue) prior \(training.file.lastPathComponent), trained by the run"
            + (transfer.isWholeEncoder ? "" : "; transfer: \(transfer)")
        guard let file else {
            return ComparedPrior(name: training.label, prior: UntrainedPrior(name: training.label, file: training.file),
                                 description: identity + " (not trained yet)", seed: seed, training: training, identity: identity)
        }
        var prior = describe(file, at: training.file, label: training.label, transfer: transfer, seed: seed)
        prior.training = training
        prior.identity = identity
        return prior
    }

    /// A learned prior the run trains itself, as `untrained` says: trained here and now (or reused from its file,
    /// continuing an interrupted training's checkpoint when `resume`), or read from its file when it holds the prior
    /// already and else left to the run's training task.
    public static func learned(_ training: PriorTrainingTask, untrained: UntrainedPriors, resume: Bool, transfer: EncoderTransfer,
                               seed: UInt64) throws -> ComparedPrior {
        let file: PriorFile?
        switch untrained {
        case .trainHere:
            let (trained, reused) = try PriorSupply.obtain(training.request, at: training.file, reuse: true, resume: resume)
            FileHandle.standardError.write(Data(((reused ? "reusing " : "trained ") + "\(training.label) prior \(training.file.path)\n").utf8))
            file = trained
        case .leftToTheirTasks:
            file = training.trained
        }
        return learned(training, trained: file, transfer: transfer, seed: seed)
    }

    /// The `--prior` arguments, in their order: `random`, the path of a prior file, or what `named` makes of a text
    /// that is neither (a problem's own prior by its label, a recipe); a text that names nothing is refused with
    /// `refusal(text)`. Each is labelled by its kind; where two prior files share a kind, each of them is labelled
    /// `<kind> <file name without extension>`, so their rows and curves stay apart. A prior given twice is an error.
    public static func arguments(
        _ texts: [String], transfer: EncoderTransfer, seed: UInt64,
        refusal: (String) -> String = { "--prior \($0): no such file; expected 'random' or a prior file (.safetensors from `strainer train-prior`)" },
        named: (String) throws -> ComparedPrior? = { _ in nil }
    ) throws -> [ComparedPrior] {
        var files: Set<Int> = []
        var priors = try texts.enumerated().map { index, text in
            if text == "random" { return random(seed: seed) }
            if FileManager.default.fileExists(atPath: text) {
                files.insert(index)
                return try file(URL(fileURLWithPath: text), transfer: transfer, seed: seed)
            }
            guard let prior = try named(text) else { throw RunError(refusal(text)) }
            return prior
        }
        let counts = Dictionary(priors.map { ($0.name, 1) }, uniquingKeysWith: +)
        for i in files.sorted() where counts[priors[i].name]! > 1 {
            priors[i].name += " " + URL(fileURLWithPath: texts[i]).deletingPathExtension().lastPathComponent
        }
        var seen: Set<String> = []
        for (text, prior) in zip(texts, priors) where !seen.insert(prior.name).inserted {
            throw RunError("--prior \(text) is given twice (as '\(prior.name)'); expected each prior once")
        }
        return priors
    }
}
