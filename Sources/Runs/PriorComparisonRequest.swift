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
    /// Each prior: `random` or a prior file.
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
    /// The results folder.
    public var out = "Results"

    public init(dataset: String) {
        self.dataset = dataset
    }

    /// `fit-<dataset>-<split>`: the run's name.
    var runName: String { "fit-\(dataset)-\(split)" }

    /// The report's title.
    var title: String { "Fitting \(dataset)/\(split) from each prior" }

    /// The split's images prepared, the priors read, the settings resolved.
    public func prepare() throws -> PreparedRun {
        try SizeLimit.imageSide.check(size, subject: "--size")
        try network.checkLimits()
        let pictures = try ImagePreparation.loadSplit(dataset: dataset, split: split, limit: images, size: size)
        let architecture = try network.architecture(outputs: pictures[0].image.channels)
        let loaded = try ComparedPrior.arguments(priors, transfer: transfer, seed: seed)
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

    /// The resolved configuration, saved as the run's config.yaml (prior files identified by their SHA-256).
    private func settings(architecture: Architecture, imageNames: [String], priors loaded: [ComparedPrior],
                          schedule: ScheduleSetting) -> PriorComparisonSettings {
        PriorComparisonSettings(
            command: "compare-priors", dataset: dataset, evaluateEvery: evaluateEvery, freezeEncoder: transfer == .frozenEncoder,
            images: imageNames, iterations: iterations, learningRate: FloatSetting(learningRate), network: architecture.metadata,
            platform: RunPlatform.recorded, priorSha256: loaded.map { $0.fileDigest ?? "none" }, priors: priors,
            schedule: schedule.recorded, seed: seed, size: size, split: split, suiteVersion: StrainerVersion.current,
            transfer: [.wholeEncoder, .frozenEncoder].contains(transfer) ? nil : transfer.description)
    }
}
