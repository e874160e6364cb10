import ArgumentParser
import Foundation
import INR
import Imaging
import Priors
import Problems
import Reporting
import Runs
import Yams
import Operators
import Solver

/// `strainer compare-priors`: fits every image of a dataset split from every prior and reports the PSNR curves.
struct ComparePriors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-priors",
        abstract: "Fit every image of a dataset split from each prior; write mean PSNR curves and a table to Results/.",
        discussion: """
            Each --prior is 'random' (the family's own initialisation) or a prior file from `strainer train-prior`. \
            Every image is fitted from every prior with the same seed, full batch, Adam (the solver with the identity operator); PSNR (and SSIM) are \
            measured every --evaluate-every steps, untimed. The run folder holds config.yaml, metrics.csv, \
            summary.json, report.md and report.html; the table is also printed.
            """)

    @Option(help: "Dataset to fit (see `strainer datasets`).")
    var dataset: String

    @Option(help: "Split of the dataset.")
    var split = "val"

    @Option(name: .customLong("prior"), help: "A prior: 'random' or a prior file. Repeat to compare several.")
    var priors: [String] = []

    @Option(help: "Adam steps per fit.")
    var iterations = 2000

    @Option(help: "Fit only the first K images of the split (default: all).")
    var images: Int?

    @Option(help: "Centre-crop and resize every image to SIZE×SIZE.")
    var size = 178

    @Option(help: "Adam learning rate.")
    var lr: Float = 1e-4

    @OptionGroup var schedule: ScheduleOption

    @Option(help: "Seed of every initialisation (image k uses the k-th seed derived from it, for every prior).")
    var seed: UInt64 = 0

    @Option(help: "Measure PSNR and SSIM every K steps.")
    var evaluateEvery = 50

    @OptionGroup(title: "Transfer (STRAINER priors)")
    var transfer: TransferOptions

    @OptionGroup(title: "Network (the architecture of 'random'; learned priors must match it)")
    var network: NetworkOptions

    @Option(help: "Folder under which the run folder is created.")
    var out = "Results"

    @OptionGroup var resuming: ResumeOptions

    @OptionGroup var jobs: JobsOption

    /// Iterations shown as table columns.
    static let tableIterations = [0, 50, 100, 200, 500, 1000, 2000, 5000]

    func validate() throws {
        guard !priors.isEmpty else { throw ValidationError("give at least one --prior (random, or a prior file)") }
        guard iterations >= 1 else { throw ValidationError("--iterations is \(iterations); expected ≥ 1") }
        guard evaluateEvery >= 1 else { throw ValidationError("--evaluate-every is \(evaluateEvery); expected ≥ 1") }
    }

    func run() throws {
        try SizeLimit.imageSide.check(size, subject: "--size")
        try network.checkLimits()
        let pictures = try ImagePreparation.loadSplit(dataset: dataset, split: split, limit: images, size: size)
        let channels = pictures[0].image.channels
        let architecture = try network.architecture(outputs: channels)
        let loaded = try ComparedPrior.arguments(priors, transfer: transfer.transfer, seed: seed)

        let problem = "fit-\(dataset)-\(split)"
        let compared = try pictures.map { picture in
            let problem = {
                try InverseProblem(forward: IdentityOperator(shape: ImageShape(of: picture.image)), measurement: picture.image.pixels,
                                   noise: nil, groundTruth: picture.image)
            }
            return ComparedImage(name: picture.name, problem: try problem(), separateProblem: problem)
        }
        let scheduleSetting = try schedule.setting() ?? .constant
        let configuration = try configurationYAML(architecture: architecture, imageNames: pictures.map(\.name), priors: loaded,
                                                  schedule: scheduleSetting)
        let resumption = resuming.resumption
        let journal = try resumption.journal(problem: problem, configuration: configuration, under: URL(fileURLWithPath: out))
        let run = ComparisonRun(
            problem: problem, architecture: architecture,
            options: SolverOptions(iterations: iterations, adam: .init(learningRate: lr),
                                   schedule: scheduleSetting.schedule(iterations: iterations), evaluateEvery: evaluateEvery),
            journal: journal, reusesJournal: resumption.resumes, checkpointSeconds: resumption.checkpointSeconds, jobs: jobs.jobs)
        let outcome = try run.run(images: compared, priors: loaded, baselines: [])

        let fit = "\(iterations) Adam steps, lr \(lr)" + (scheduleSetting.recorded.map { " (\($0) schedule)" } ?? "") + ", seed \(seed)"
        let facts: [(name: String, value: String)] = [("images", "\(pictures.count) of \(dataset)/\(split) at \(size)×\(size)"), ("fit", fit)]
            + loaded.map { ($0.name, $0.description) } + [RunPlatform.fact(jobs: jobs.jobs)]
        let report = RunReport(
            problem: problem, title: "Fitting \(dataset)/\(split) from each prior", configuration: configuration,
            curves: outcome.curves, tableIterations: Self.tableIterations.filter { $0 <= iterations }, reference: loaded[0].name,
            gallery: outcome.gallery, facts: facts)
        let folder = try ReportWriter.write(report, under: URL(fileURLWithPath: out), suiteVersion: StrainerVersion.current)
        journal.discard()
        print(MarkdownReport.console(report))
        print("\nreport: \(folder.appendingPathComponent("report.html").path)")
    }

    /// The resolved configuration, saved as the run's config.yaml (prior files identified by their SHA-256).
    private func configurationYAML(architecture: Architecture, imageNames: [String], priors loaded: [ComparedPrior],
                                   schedule: ScheduleSetting) throws -> String {
        var settings: [String: Any] = [
            "command": "compare-priors", "dataset": dataset, "split": split, "images": imageNames, "size": size,
            "priors": priors, "prior_sha256": loaded.map { $0.fileDigest ?? "none" }, "iterations": iterations, "learning_rate": lr.recordedValue, "seed": Int(seed),
            "evaluate_every": evaluateEvery, "freeze_encoder": transfer.transfer == .frozenEncoder, "network": architecture.metadata, "suite_version": StrainerVersion.current,
            "platform": RunPlatform.recorded,
        ]
        if ![.wholeEncoder, .frozenEncoder].contains(transfer.transfer) { settings["transfer"] = transfer.transfer.description }
        settings["schedule"] = schedule.recorded
        return try Yams.dump(object: settings, sortKeys: true)
    }
}
