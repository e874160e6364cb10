import ArgumentParser
import Foundation
import INR
import Imaging

/// `strainer fit IMAGE …`: fits an implicit neural representation to one image by full-batch Adam on the MSE.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit an implicit neural representation (SIREN, Fourier features, Gaussian) to one image.",
        discussion: """
            Every step evaluates all pixels: coordinates on a linspace(−1, 1) grid (row, column), targets 2x − 1 \
            of the intensities x ∈ [0, 1], loss = mean squared error over pixels and channels, Adam (β = 0.9, \
            0.999, ε = 1e-8). PSNR is measured on [0, 1] with peak 1, prediction clipped, every --log-every \
            iterations and at the end. Progress goes to stderr; with --out, reconstruction.png and psnr.csv are \
            written there; --json prints one JSON object on stdout.
            """)

    @Argument(help: "The image to fit: .png, .tif/.tiff, .pgm/.ppm/.pnm (gray or RGB).")
    var image: String

    @Option(help: "Centre-crop to a square and resize (area average, antialiased) to SIZE×SIZE first.")
    var size: Int?

    @Option(help: "Network family: siren, fourier (Fourier features + ReLU MLP) or gaussian.")
    var family = "siren"

    @Option(help: "Width of the hidden layers.")
    var width = 256

    @Option(help: "Number of dense layers (the paper's SIREN has 6).")
    var layers = 6

    @Option(help: "SIREN ω0 of the first and hidden layers.")
    var omega: Float = 30

    @Option(help: "Fourier features: number of random frequencies.")
    var features = 256

    @Option(help: "Fourier features: standard deviation σ of the frequencies.")
    var sigma: Float = 10

    @Option(help: "Gaussian activation exp(−(s·z)²): scale s.")
    var scale: Float = 10

    @Option(help: "Adam learning rate.")
    var lr: Float = 1e-4

    @Option(help: "Number of Adam steps.")
    var iterations = 2000

    @Option(help: "Seed of the initialisation.")
    var seed: UInt64 = 0

    @Option(help: "Measure and report the PSNR every K iterations (0: only at the start and the end).")
    var logEvery = 100

    @Option(help: "Directory for reconstruction.png and psnr.csv (created if needed).")
    var out: String?

    @Option(help: "Write the fitted network to this safetensors file.")
    var saveCheckpoint: String?

    @Flag(help: "Print one JSON object on stdout: psnr by iteration, final_psnr, median_step_seconds, iterations, peak_rss_bytes.")
    var json = false

    func run() throws {
        BLASRuntime.reexecuteWithOptimisedKernelsIfNeeded()
        let picture = try loadImage()
        let n = picture.height * picture.width
        let coordinates = try Matrix(rows: n, columns: 2, values: CoordinateGrid.make(height: picture.height, width: picture.width))
        let target = try Matrix(rows: n, columns: picture.channels, values: picture.pixels.map { 2 * $0 - 1 })
        let network = try Network(architecture: try architecture(outputs: picture.channels), seed: seed)
        let fit = try ImageFit(
            network: network, coordinates: coordinates, target: target,
            options: FitOptions(iterations: iterations, adam: .init(learningRate: lr), evaluateEvery: logEvery))
        let history = try fit.run { report($0) }
        try writeOutputs(fit, history: history, shape: picture)
        summarise(history, shape: picture)
    }

    private func loadImage() throws -> Image {
        var picture = try ImageFile.read(URL(fileURLWithPath: image))
        if let size {
            guard size >= 1 else { throw ValidationError("--size is \(size); expected a positive side length") }
            picture = try picture.centerCroppedToSquare().resized(height: size, width: size, method: .areaAverage)
        }
        return picture
    }

    private func architecture(outputs: Int) throws -> Architecture {
        let chosen: Family
        switch family {
        case "siren": chosen = .siren(omegaFirst: omega, omegaHidden: omega)
        case "fourier": chosen = .fourierFeatures(features: features, sigma: sigma)
        case "gaussian": chosen = .gaussian(scale: scale)
        default: throw ValidationError("--family is '\(family)'; expected siren, fourier or gaussian")
        }
        return try Architecture(family: chosen, width: width, layers: layers, outputs: outputs)
    }

    /// Progress on stderr: a live line on a terminal, plain lines at the measurement iterations otherwise.
    private func report(_ progress: FitProgress) {
        let psnr = progress.psnr.map { String(format: "  PSNR %.2f dB", $0) } ?? ""
        let line = String(format: "iteration %d/%d  loss %.6f", progress.iteration, iterations, progress.loss) + psnr
        if isatty(STDERR_FILENO) != 0 {
            FileHandle.standardError.write(Data(("\r" + line + (progress.psnr != nil ? "\n" : "")).utf8))
        } else if progress.psnr != nil {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    private func writeOutputs(_ fit: ImageFit, history: FitHistory, shape: Image) throws {
        if let out {
            let directory = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let prediction = try fit.network.evaluate(fit.coordinates, workspace: fit.workspace)
            let reconstruction = Image(
                height: shape.height, width: shape.width, channels: shape.channels,
                pixels: prediction.values.map { (min(max($0, -1), 1) + 1) / 2 })
            try ImageFile.write(reconstruction, to: directory.appendingPathComponent("reconstruction.png"))
            let csv = "iteration,psnr_db\n" + history.psnr.keys.sorted().map { "\($0),\(history.psnr[$0]!)" }.joined(separator: "\n") + "\n"
            try AtomicFile.write(Data(csv.utf8), to: directory.appendingPathComponent("psnr.csv"))
        }
        if let saveCheckpoint {
            try fit.network.save(
                to: URL(fileURLWithPath: saveCheckpoint),
                metadata: ["seed": "\(seed)", "iterations": "\(iterations)", "learning_rate": "\(lr)", "image": image])
        }
    }

    private func summarise(_ history: FitHistory, shape: Image) {
        let final = history.psnr[history.psnr.keys.max() ?? 0] ?? .nan
        let median = history.medianStepSeconds()
        if json {
            let curve = history.psnr.keys.sorted().map { "\"\($0)\": \(number(history.psnr[$0]!))" }.joined(separator: ", ")
            print("{\"psnr\": {\(curve)}, \"final_psnr\": \(number(final)), \"median_step_seconds\": \(number(median)), "
                + "\"iterations\": \(iterations), \"peak_rss_bytes\": \(ResourceUsage.peakResidentBytes), "
                + "\"channels\": \(shape.channels), \"height\": \(shape.height), \"width\": \(shape.width), \"family\": \"\(family)\"}")
        } else {
            print("fitted \(family) \(layers)×\(width) to \(image) (\(shape.shapeDescription)) in \(iterations) steps")
            print(String(format: "final PSNR %.2f dB; median step %.1f ms; peak memory %d MiB",
                         final, median * 1e3, ResourceUsage.peakResidentBytes >> 20))
        }
    }

    /// A JSON number, or null when not finite.
    private func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }
}
