import ArgumentParser
import Runs

/// `strainer compare-priors`: fits every image of a dataset split from every prior and reports the PSNR curves.
struct ComparePriors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-priors",
        abstract: "Fit every image of a dataset split from each prior; write mean PSNR curves and a table to Results/.",
        discussion: """
            Each --prior is 'random' (the family's own initialisation), a prior file from `strainer train-prior`, or the \
            recipe of a prior to learn, written as a problem file's priors: entry ('{kind: strainer, dataset: celeba-hq-178, \
            iterations: 5000}'; its size defaults to --size): the run trains it first, or reuses it from OUT/priors/, and \
            with --executor slurm its training is a job of its own. \
            Every image is fitted from every prior with the same seed, full batch, Adam (the solver with the identity operator); PSNR (and SSIM) are \
            measured every --evaluate-every steps, untimed. The run folder holds config.yaml, metrics.csv, \
            summary.json, report.md and report.html; the table is also printed.
            """)

    @Option(help: "Dataset to fit (see `strainer datasets`).")
    var dataset: String

    @Option(help: "Split of the dataset.")
    var split = "val"

    @Option(name: .customLong("prior"), help: "A prior: 'random', a prior file, or a recipe to train ('{kind: meta, dataset: celeba-hq-178, iterations: 2000}'). Repeat to compare several.")
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

    @OptionGroup(title: "Executor") var executor: ExecutorOptions

    func validate() throws {
        guard !priors.isEmpty else { throw ValidationError("give at least one --prior (random, a prior file, or a recipe such as '{kind: strainer, dataset: celeba-hq-178}')") }
        guard iterations >= 1 else { throw ValidationError("--iterations is \(iterations); expected ≥ 1") }
        guard evaluateEvery >= 1 else { throw ValidationError("--evaluate-every is \(evaluateEvery); expected ≥ 1") }
    }

    func run() throws {
        var request = PriorComparisonRequest(dataset: dataset)
        request.split = split
        request.priors = priors
        request.iterations = iterations
        request.images = images
        request.size = size
        request.learningRate = lr
        request.schedule = try schedule.setting()
        request.seed = seed
        request.evaluateEvery = evaluateEvery
        request.transfer = transfer.transfer
        request.network = network.choice
        request.out = out
        request.resumesPriorTraining = resuming.resumption.resumes
        let configuration = RunConfiguration(command: "strainer compare-priors", arguments: Array(CommandLine.arguments.dropFirst(2)),
                                             request: .priorComparison(request))
        let resumption = resuming.resumption
        let chosen = executor.make(jobs: jobs.jobs, checkpointSeconds: resumption.checkpointSeconds)
        try chosen.execute(configuration, resumption: resumption).print()
    }
}
