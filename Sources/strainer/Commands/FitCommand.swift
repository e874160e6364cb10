import ArgumentParser
import Foundation
import INR
import Priors
import Problems
import Imaging
import Runs

/// `strainer fit IMAGE …`: fits an implicit neural representation to one image by full-batch Adam on the MSE.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit an implicit neural representation (SIREN, Fourier features, Gaussian) to one image.",
        discussion: """
            Every step evaluates all pixels: coordinates on a linspace(−1, 1) grid (row, column), targets 2x − 1 \
            of the intensities x ∈ [0, 1], loss = mean squared error over pixels and channels, Adam (β = 0.9, \
            0.999, ε = 1e-8). PSNR is measured on [0, 1] with peak 1, prediction clipped, every --log-every \
            iterations and at the end. Progress goes to stderr; with --out, reconstruction.png and psnr.csv are \
            written there; --json prints one JSON object on stdout. The reconstruction and the checkpoint hold the \
            best measured iterate (late in a fit, Adam has occasional one-step loss spikes, so the last iterate \
            can be a few dB worse); final_psnr is the last iterate's.
            """)

    @Argument(help: "The image to fit: .png, .tif/.tiff, .pgm/.ppm/.pnm (gray or RGB).")
    var image: String

    @Option(help: "Centre-crop to a square and resize (area average, antialiased) to SIZE×SIZE first.")
    var size: Int?

    @OptionGroup(title: "Network")
    var network: NetworkOptions

    @Option(help: "Start from this prior file (from `strainer train-prior`) instead of a random initialisation.")
    var prior: String?

    @OptionGroup(title: "Transfer (STRAINER priors)")
    var transfer: TransferOptions

    @Option(help: "Adam learning rate.")
    var lr: Float = 1e-4

    @Option(help: "Number of Adam steps.")
    var iterations = 2000

    @OptionGroup var schedule: ScheduleOption

    @Option(help: "Seed of the initialisation.")
    var seed: UInt64 = 0

    @Option(help: "Measure and report the PSNR every K iterations (0: only at the start and the end).")
    var logEvery = 100

    @Option(help: "Directory for reconstruction.png and psnr.csv (created if needed).")
    var out: String?

    @Option(help: "Write the fitted network to this safetensors file.")
    var saveCheckpoint: String?

    @Flag(help: "Print one JSON object on stdout: psnr by iteration, final_psnr, best_psnr, best_iteration, median_step_seconds, iterations, peak_rss_bytes.")
    var json = false

    func validate() throws {
        guard iterations >= 1 else { throw ValidationError("--iterations is \(iterations); expected ≥ 1") }
    }

    func run() throws {
        try size.map { try SizeLimit.imageSide.check($0, subject: "--size") }
        try network.checkLimits()
        let picture = try ImagePreparation.load(image, size: size)
        let coordinates = try Matrix.coordinates(height: picture.height, width: picture.width)
        let target = try Matrix(targetsOf: picture)
        let architecture = try network.architecture(outputs: picture.channels)
        let start = try prior.map { try PriorFile.read(URL(fileURLWithPath: $0)).prior(transfer: transfer.transfer) } ?? RandomPrior()
        let initialization = try start.initialization(for: architecture, seed: seed)
        let fit = try ImageFit(
            network: initialization.network, coordinates: coordinates, target: target,
            options: FitOptions(iterations: iterations, adam: .init(learningRate: lr),
                                schedule: (try schedule.setting() ?? .constant).schedule(iterations: iterations), evaluateEvery: logEvery,
                                frozenParameterCount: initialization.frozenParameterCount))
        let progress = ProgressLine()
        let history = try fit.run { step in
            let psnr = step.psnr.map { String(format: "  PSNR %.2f dB", $0) } ?? ""
            progress.show(String(format: "fit: iteration %d/%d  loss %.6f", step.iteration, iterations, step.loss) + psnr
                          + "  " + progress.eta(done: step.iteration, total: iterations), keep: step.psnr != nil)
        }
        try writeOutputs(fit, history: history, shape: picture)
        summarise(history, shape: picture)
    }

    private func writeOutputs(_ fit: ImageFit, history: FitHistory, shape: Image) throws {
        var best = fit.network
        if let iterate = history.best { best.parameters = iterate.parameters }
        if let out {
            let directory = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let prediction = try best.evaluate(fit.coordinates, workspace: fit.workspace)
            let reconstruction = Image(networkOutput: prediction, height: shape.height, width: shape.width)
            try ImageFile.write(reconstruction, to: directory.appendingPathComponent("reconstruction.png"))
            let csv = "iteration,psnr_db\n" + history.psnr.keys.sorted().map { "\($0),\(history.psnr[$0]!)" }.joined(separator: "\n") + "\n"
            try AtomicFile.write(Data(csv.utf8), to: directory.appendingPathComponent("psnr.csv"))
        }
        if let saveCheckpoint {
            try best.save(
                to: URL(fileURLWithPath: saveCheckpoint),
                metadata: ["seed": "\(seed)", "iterations": "\(iterations)", "learning_rate": "\(lr)", "image": image,
                           "iteration": "\(keptIteration(history))"])
        }
    }

    private func summarise(_ history: FitHistory, shape: Image) {
        let final = history.psnr[history.psnr.keys.max() ?? 0] ?? .nan
        let median = history.medianStepSeconds()
        if json {
            let curve = history.psnr.keys.sorted().map { "\"\($0)\": \(number(history.psnr[$0]!))" }.joined(separator: ", ")
            print("{\"psnr\": {\(curve)}, \"final_psnr\": \(number(final)), \"best_psnr\": \(number(history.best?.psnr ?? .nan)), "
                + "\"best_iteration\": \(keptIteration(history)), \"median_step_seconds\": \(number(median)), "
                + "\"iterations\": \(iterations), \"peak_rss_bytes\": \(ResourceUsage.peakResidentBytes), "
                + "\"channels\": \(shape.channels), \"height\": \(shape.height), \"width\": \(shape.width), \"family\": \"\(network.family)\"}")
        } else {
            print("fitted \(network.family) \(network.layers)×\(network.width)\(prior.map { " from prior \($0)" } ?? "") to \(image) (\(shape.shapeDescription)) in \(iterations) steps")
            print(String(format: "best PSNR %.2f dB at step %d (kept); final PSNR %.2f dB; median step %.1f ms; peak memory %d MiB",
                         history.best?.psnr ?? .nan, keptIteration(history), final, median * 1e3,
                         ResourceUsage.peakResidentBytes >> 20))
        }
    }

    /// The iteration whose parameters are written: the best measured one, or the last when none was measured.
    private func keptIteration(_ history: FitHistory) -> Int { history.best?.iteration ?? iterations }

    /// A JSON number, or null when not finite.
    private func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }
}
