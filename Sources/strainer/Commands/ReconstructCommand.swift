import ArgumentParser
import Foundation
import Imaging
import INR
import Operators
import Priors
import Reconstruction
import Runs

/// `strainer reconstruct`: an image from the user's own measurement, at its own size, with no ground truth.
struct ReconstructCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconstruct",
        abstract: "Reconstruct an image from your own measurement y (a noisy photo, a low-resolution image, a sinogram, k-space).",
        discussion: """
            The operator and noise specs are those of `strainer simulate`, so `simulate` then `reconstruct` is a round \
            trip. The image grid comes from y and the operator: identity, blur and inpaint keep y's size; downsample \
            and resize by a factor f give f times it; radon gives the square its detector count implies (or --shape); \
            mri gives k-space's size. Without --noise, y's noise is taken as white Gaussian with σ estimated from y; \
            '{name: gaussian}' says the same, 'none' fits least squares. The iterate kept is chosen with no ground \
            truth: --stop validation[:F] (the default: F of the measurement positions, 0.1 by default, held out of the \
            fit choose the step count k, the latest within one standard error of the least loss on them; the image \
            kept is every measurement fitted k steps from the same start), sure (the iterate of least Stein's \
            unbiased risk estimate, from y and σ; Gaussian noise only; a twin fit doubles the cost), discrepancy \
            (the first iterate whose residual reaches the noise level; it stops early on denoising and CT, by 1–3 dB \
            in the suite's round trips) or iterations (the last one). A problem file naming many measurements runs with \
            `strainer reconstruct-problem`. \
            The report (under --report-dir) shows y, \
            the reconstruction, every baseline that applies to the operator, and the curves that chose the iterate; \
            --reference adds PSNR/SSIM.
            """)

    @Argument(help: "The measurement: PNG, JPEG, PGM/PPM, or TIFF (8/16-bit or float32; complex k-space as real, imaginary channels).",
              completion: .file())
    var measurement: String

    @Option(name: .customLong("operator"), help: "The forward operator, a YAML mapping with a 'name' (see `strainer operators`).")
    var operatorSpec: String

    @Option(name: .customLong("noise"), help: "The noise model, a YAML mapping with a 'name'; 'none' for none (default: Gaussian, σ estimated from y).")
    var noiseSpec: String?

    @Option(help: "Where the fit starts: 'random' or a prior file (.safetensors from `strainer train-prior`).")
    var prior = "random"

    @Option(help: "Which iterate is kept: validation[:F] (default), sure, discrepancy or iterations.")
    var stop: String?

    @Option(help: "The step budget.")
    var iterations = 2000

    @Option(help: "Adam's learning rate.")
    var lr: Float = 1e-4

    @Option(help: "Seed of the network's initialisation and of the held-out measurements.")
    var seed: UInt64 = 0

    @Option(help: "The image's height×width, where y and the operator do not fix it (e.g. 256x256).")
    var shape: String?

    @OptionGroup var memory: MemoryOption

    @Option(help: "A reference image of the reconstruction's size: adds PSNR/SSIM to the report (it chooses nothing).",
            completion: .file())
    var reference: String?

    @Option(help: "The reconstruction to write: .png, .tif, .pgm/.ppm (8-bit ones get a float32 .tif beside them).", completion: .file())
    var out: String

    @Option(help: "Folder under which the report's run folder is written.")
    var reportDir = "Results"

    @Flag(help: "Skip the classical baselines (on a megapixel photo PnP-BM3D alone takes minutes).")
    var noBaselines = false

    @Flag(help: "Print the summary as one JSON object (the table's rows, the kept step and why, σ̂, the files).")
    var json = false

    @OptionGroup var network: NetworkOptions

    func validate() throws {
        guard iterations >= 1 else { throw ValidationError("--iterations is \(iterations); expected ≥ 1") }
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr is \(lr); expected a finite value > 0") }
        if let shape, MeasurementGeometry.size(parsing: shape) == nil {
            throw ValidationError("--shape is '\(shape)'; expected height×width such as 256x256")
        }
        _ = try stop.map { try StoppingRule(parsing: $0) }
        let outURL = URL(fileURLWithPath: out)
        guard ["png", "tif", "tiff", "pgm", "ppm", "pnm"].contains(outURL.pathExtension.lowercased()) else {
            throw ValidationError("--out must end in .png, .tif, .tiff, .pgm or .ppm, got '\(out)'")
        }
    }

    func run() throws {
        let measurementURL = URL(fileURLWithPath: measurement)
        let y = try MeasurementFile.read(measurementURL)
        let geometry = try MeasurementGeometry(
            measurement: ImageShape(of: y), file: measurement, operatorSpec: try ParameterMap.parse(operatorSpec, option: "--operator"),
            requestedSize: shape.flatMap(MeasurementGeometry.size(parsing:)), baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let noise = try NoiseSetting(spec: try parsedNoise(), measurement: y, forward: geometry.forward)
        let (start, priorDescription) = try startingNetwork(channels: geometry.imageShape.channels)
        let budget = try memory.budget()
        let chunkRows = try budget.chunkRows(pixels: geometry.imageShape.pixelCount, channels: geometry.imageShape.channels,
                                             architecture: start.network.architecture)
        let referenceImage = try reference.map { try ImageFile.read(URL(fileURLWithPath: $0)) }
        let reconstruction = try Reconstruction(
            measurement: y, geometry: geometry, noise: noise, start: start,
            settings: .init(iterations: iterations, learningRate: lr, stop: try stop.map { try StoppingRule(parsing: $0) }, seed: seed,
                            chunkRows: chunkRows, runsBaselines: !noBaselines),
            reference: referenceImage, referenceFile: reference ?? "--reference")
        let grid = geometry.imageShape
        FileHandle.standardError.write(Data("""
            reconstruct: \(measurement) (\(y.shapeDescription)) through \(geometry.forward) on a \(grid) grid; noise: \(noise.description); \
            from \(priorDescription); stop: \(reconstruction.stop); up to \(iterations) steps\(chunkRows.map { " in chunks of \($0) rows" } ?? "")

            """.utf8))
        let progress = ReconstructionProgress()
        let outcome = try reconstruction.run { step, phase in
            progress.show(step, phase: phase, stage: "reconstruct", budget: iterations)
        }
        try write(outcome, measurement: y, reference: referenceImage, noise: noise, priorDescription: priorDescription,
                  geometry: geometry, chunkRows: chunkRows)
    }

    private func write(_ outcome: Reconstruction.Outcome, measurement y: Image, reference: Image?, noise: NoiseSetting,
                       priorDescription: String, geometry: MeasurementGeometry, chunkRows: Int?) throws {
        let outURL = URL(fileURLWithPath: out)
        try ImageFile.write(outcome.kept, to: outURL, sampleFormat: ["tif", "tiff"].contains(outURL.pathExtension.lowercased()) ? .float32 : .uint8)
        var written = [out]
        if !["tif", "tiff"].contains(outURL.pathExtension.lowercased()) {
            let floatURL = outURL.deletingPathExtension().appendingPathExtension("tif")
            try ImageFile.write(outcome.kept, to: floatURL, sampleFormat: .float32)
            written.append(floatURL.path)
        }
        let steps = outcome.stepSeconds
        let facts: [(name: String, value: String)] = [
            ("measurement", "\(measurement) (\(y.shapeDescription))"),
            ("operator", "\(geometry.forward); the image grid \(geometry.imageShape) follows from y and the operator"),
            ("noise", noise.description),
            ("start", priorDescription),
            ("kept", "step \(outcome.keptIteration): \(outcome.reason)"),
        ] + ReconstructionProgress.closingFacts(steps: steps, refitSteps: outcome.refit?.stepSeconds.count ?? 0,
                                                chunkRows: chunkRows)
        let report = try outcome.report(title: "Reconstruction of \(URL(fileURLWithPath: measurement).lastPathComponent)",
                                        facts: facts, measurement: y, reference: reference)
        let configuration = RunPlatform.reconstructionConfiguration(facts)
        let folder = try report.write(under: URL(fileURLWithPath: reportDir), stem: "reconstruct-" + URL(fileURLWithPath: measurement).deletingPathExtension().lastPathComponent,
                                      configuration: configuration)
        let reportPath = folder.appendingPathComponent("report.html").path
        guard json else {
            print(TextTable.render([report.header] + report.rows))
            print("kept: step \(outcome.keptIteration): \(outcome.reason)")
            print("reconstruction: \(written.joined(separator: ", "))")
            print("report: \(reportPath)")
            return
        }
        let summary: [String: Any] = [
            "kept_iteration": outcome.keptIteration, "reason": outcome.reason, "stop": "\(outcome.stop)",
            "steps": steps.count, "step_seconds_median": steps.steadyMedian(warmup: 3),
            "sigma_estimate": noise.estimatedSigma ?? NSNull(), "peak_rss_bytes": ResourceUsage.peakResidentBytes,
            "rows": report.rows.map { Dictionary(uniqueKeysWithValues: zip(report.header, $0)) },
            "reconstruction": written, "report": reportPath,
        ]
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }

    /// `--noise`: nil when absent, `{name: none}` for 'none', else the YAML mapping.
    private func parsedNoise() throws -> ParameterMap? {
        guard let noiseSpec else { return nil }
        if noiseSpec.trimmingCharacters(in: .whitespaces) == "none" { return ["name": .string("none")] }
        return try ParameterMap.parse(noiseSpec, option: "--noise")
    }

    /// The network the fit starts from and a line saying what it is: a random network of the `--family`… options,
    /// or a prior file's (its architecture, with the grid's channels).
    private func startingNetwork(channels: Int) throws -> (Initialization, String) {
        guard prior != "random" else {
            let architecture = try network.architecture(outputs: channels)
            return (try RandomPrior().initialization(for: architecture, seed: seed),
                    "a random \(network.family) \(network.layers)×\(network.width) (seed \(seed))")
        }
        let url = URL(fileURLWithPath: prior)
        let file = try PriorFile.read(url)
        var architecture = file.architecture
        architecture.dimensions[architecture.dimensions.count - 1] = channels
        let description = ComparedPrior.describe(file, at: url, transfer: .wholeEncoder, seed: seed).description
        return (try file.prior().initialization(for: architecture, seed: seed), description)
    }
}
