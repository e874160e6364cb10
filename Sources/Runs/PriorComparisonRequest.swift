import Foundation
import INR
import Imaging
import Operators
import Priors
import Problems
import Solver

/// `strainer compare-priors` as asked for: every image of a dataset split fitted from each prior (the solver with the
/// identity operator), with the same seed. ``prepare()`` resolves it into a ``PreparedRun``.
public struct PriorComparisonRequest: Codable, Equatable {
    public var dataset: String
    public var split = "val"
    /// Each prior: `random`, a prior file, or a learned prior's recipe as a problem file's `priors:` entry writes it
    /// (`{kind: strainer, dataset: celeba-hq-178, iterations: 5000}`), which the run trains (or reuses from
    /// `<out>/priors/`) at the comparison's size unless it gives its own.
    public var priors: [String] = []
    /// Adam steps per fit.
    public var iterations = 2000
    /// Only the first K images of the split (`nil`: all).
    public var images: Int?
    /// Every image centre-cropped and resized to SIZE×SIZE.
    public var size = 178
    public var learningRate: Float = 1e-4
    /// Adam's learning-rate schedule (`nil`: constant).
    public var schedule: ScheduleSetting?
    /// Seed of every initialisation (image k uses the k-th seed derived from it, for every prior).
    public var seed: UInt64 = 0
    public var evaluateEvery = 50
    /// How a STRAINER prior's encoder seeds each fit.
    public var transfer = EncoderTransfer.wholeEncoder
    /// The architecture of `random`; learned priors must match it.
    public var network = NetworkChoice()
    /// The results folder: the run folder, the journal and trained priors (in `priors/`) go under it.
    public var out = "Results"
    /// Whether a learned prior's interrupted training is continued from its checkpoint.
    public var resumesPriorTraining = false

    public init(dataset: String) {
        self.dataset = dataset
    }

    /// `fit-<dataset>-<split>`: the run's name.
    var runName: String { "fit-\(dataset)-\(split)" }

    /// The report's title.
    var title: String { "Fitting \(dataset)/\(split) from each prior" }

    /// The split's images prepared, the priors read (a recipe's prior trained here, reused, or left to its task as
    /// `untrained` says), the settings resolved.
    public func prepare(untrained: UntrainedPriors = .trainHere) throws -> PreparedRun {
        try SizeLimit.imageSide.check(size, subject: "--size")
        try network.checkLimits()
        let pictures = try ImagePreparation.loadSplit(dataset: dataset, split: split, limit: images, size: size)
        let channels = pictures[0].image.channels
        let architecture = try network.architecture(outputs: channels)
        let loaded = try ComparedPrior.arguments(
            priors, transfer: transfer, seed: seed,
            refusal: { "--prior \($0): no such file; expected 'random', a prior file (.safetensors from `strainer train-prior`), or a "
                + "recipe of a prior to train such as '{kind: strainer, dataset: \(dataset), iterations: 5000}'" },
            named: { text in
                guard text.trimmingCharacters(in: .whitespaces).hasPrefix("{") else { return nil }
                return try learned(text, channels: channels, untrained: untrained)
            })
        let compared = try pictures.map { picture in
            let problem = {
                try InverseProblem(forward: IdentityOperator(shape: ImageShape(of: picture.image)), measurement: picture.image.pixels,
                                   noise: nil, groundTruth: picture.image)
            }
            return ComparedImage(name: picture.name, problem: try problem(), separateProblem: problem)
        }
        let settings = settings(architecture: architecture, imageNames: pictures.map(\.name), priors: loaded, schedule: solver.schedule)
        return PreparedRun(origin: .priorComparison(self, settings: settings), architecture: architecture, options: solver.solverOptions,
                           priors: loaded, baselines: [], images: compared)
    }

    /// The learned prior a `--prior` recipe names (`text`, a problem file's `priors:` entry), for images of `channels`
    /// channels: its training task, the prior trained here or reused, or left to the task, as `untrained` says. Every
    /// fit from it uses the comparison's seed; its encoder seeds a fit as the recipe's `transfer_layers` and
    /// `freeze_layers` say, else as the command's options do.
    private func learned(_ text: String, channels: Int, untrained: UntrainedPriors) throws -> ComparedPrior {
        let recipe = try PriorRecipe.parse(text, option: "--prior", size: size, networkLayers: network.layers)
        guard case let .trained(trained) = recipe.source else {
            throw RunError("--prior \(text): a recipe here names a prior to train (kind strainer, strainer-1, fitted or meta); "
                           + "expected 'random' or the prior file's path itself for the others")
        }
        let catalog = try DatasetCatalog.locate()
        do {
            _ = try catalog.entries(selectedBy: trained.data)
        } catch let refusal as DatasetSelectionRefusal {
            throw refusal.error(of: "--prior")
        }
        let images = try ImagePreparation(size: trained.size, channels: channels).load(trained.data, from: catalog)
        let training = try PriorTrainingTask(label: recipe.label, recipe: trained, images: images,
                                             architecture: try network.architecture(outputs: channels, encoderDepth: trained.sharedLayers), out: out)
        let seeding = recipe.transferLayers == nil && recipe.freezeLayers == nil ? transfer : recipe.transfer
        return try .learned(training, untrained: untrained, resume: resumesPriorTraining, transfer: seeding, seed: seed)
    }

    /// The fits' settings, as a problem file's `solver:` would give them (no TV, no discrepancy stop).
    private var solver: SolverSettings {
        var solver = SolverSettings()
        solver.iterations = iterations
        solver.learningRate = Double(learningRate)
        solver.evaluateEvery = evaluateEvery
        solver.schedule = schedule ?? .constant
        return solver
    }

    /// The report's facts (the machine's aside) about `imageCount` images fitted from `priors`.
    func facts(imageCount: Int, priors: [ComparedPrior]) -> [(name: String, value: String)] {
        let fit = "\(iterations) Adam steps, lr \(learningRate)" + ((schedule ?? .constant).recorded.map { " (\($0) schedule)" } ?? "")
            + ", seed \(seed)"
        return [("images", "\(imageCount) of \(dataset)/\(split) at \(size)×\(size)"), ("fit", fit)] + priors.map { ($0.name, $0.description) }
    }

    /// The resolved configuration, the run's identity (prior files identified by their SHA-256; a prior the run trains
    /// by its recipe alone, the same before its training as after).
    private func settings(architecture: Architecture, imageNames: [String], priors loaded: [ComparedPrior],
                          schedule: ScheduleSetting) -> PriorComparisonSettings {
        PriorComparisonSettings(
            command: "compare-priors", dataset: dataset, evaluateEvery: evaluateEvery, freezeEncoder: transfer == .frozenEncoder,
            images: imageNames, iterations: iterations, learningRate: FloatSetting(learningRate), network: architecture.metadata,
            platform: RunPlatform.recorded,
            priorSha256: loaded.map { $0.training == nil ? $0.fileDigest ?? "none" : PriorComparisonSettings.trainedByTheRun }, priors: priors,
            schedule: schedule.recorded, seed: seed, size: size, split: split, suiteVersion: StrainerVersion.current,
            transfer: [.wholeEncoder, .frozenEncoder].contains(transfer) ? nil : transfer.description)
    }
}
