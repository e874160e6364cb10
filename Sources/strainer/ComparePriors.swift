import ArgumentParser
import Foundation
import INR
import Imaging
import Priors
import Problems
import Reporting
import Yams
import SeededRandom

/// `strainer compare-priors`: fits every image of a dataset split from every prior and reports the PSNR curves.
struct ComparePriors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-priors",
        abstract: "Fit every image of a dataset split from each prior; write mean PSNR curves and a table to Results/.",
        discussion: """
            Each --prior is 'random' (the family's own initialisation) or a prior file from `strainer train-prior`. \
            Every image is fitted from every prior with the same seed, full batch, Adam; PSNR (and SSIM) are \
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

    @Option(help: "Seed of every initialisation (image k uses the k-th seed derived from it, for every prior).")
    var seed: UInt64 = 0

    @Option(help: "Measure PSNR and SSIM every K steps.")
    var evaluateEvery = 50

    @Flag(help: "Keep a STRAINER prior's encoder fixed and train only the new decoder (default: fine-tune everything).")
    var freezeEncoder = false

    @OptionGroup(title: "Network (the architecture of 'random'; learned priors must match it)")
    var network: NetworkOptions

    @Option(help: "Folder under which the run folder is created.")
    var out = "Results"

    /// Iterations shown as table columns.
    static let tableIterations = [0, 50, 100, 200, 500, 1000, 2000, 5000]

    func validate() throws {
        guard !priors.isEmpty else { throw ValidationError("give at least one --prior (random, or a prior file)") }
        guard iterations >= 1 else { throw ValidationError("--iterations is \(iterations); expected ≥ 1") }
        guard evaluateEvery >= 1 else { throw ValidationError("--evaluate-every is \(evaluateEvery); expected ≥ 1") }
    }

    func run() throws {
        BLASRuntime.reexecuteWithOptimisedKernelsIfNeeded()
        let pictures = try ImagePreparation.loadSplit(dataset: dataset, split: split, limit: images, size: size)
        let channels = pictures[0].image.channels
        let architecture = try network.architecture(outputs: channels)
        let loaded = try priors.map(loadPrior)

        let progress = ProgressLine()
        let totalSteps = pictures.count * loaded.count * iterations
        var stepsDone = 0
        var curves: [MethodCurve] = []
        var gallery: [(image: String, panels: [GalleryPanel])] = []
        let problem = "fit-\(dataset)-\(split)"
        for (index, picture) in pictures.enumerated() {
            let imageSeed = SeedSequence.derive(seed, stream: UInt64(index))
            var panels = [GalleryPanel(label: "ground truth", image: picture.image)]
            for (name, prior, _) in loaded {
                let initialization = try prior.initialization(for: architecture, seed: imageSeed)
                let (points, reconstruction) = try fit(picture.image, from: initialization) { iteration, psnr in
                    stepsDone += 1
                    let psnrText = psnr.map { String(format: "  PSNR %.2f dB", $0) } ?? ""
                    progress.show("compare-priors: image \(index + 1)/\(pictures.count) \(picture.name), \(name): step \(iteration)/\(iterations)"
                                  + psnrText + "  " + progress.eta(done: stepsDone, total: totalSteps))
                }
                curves.append(MethodCurve(problem: problem, image: picture.name, method: name, kind: .prior, points: points))
                if index < 3 { panels.append(GalleryPanel(label: name, image: reconstruction)) }
                progress.show(String(format: "compare-priors: %@ from %@: PSNR %.2f dB after %d steps",
                                     picture.name, name, points.last?.psnr ?? .nan, iterations), keep: true)
            }
            if index < 3 { gallery.append((picture.name, panels)) }
        }

        let report = RunReport(
            problem: problem, title: "Fitting \(dataset)/\(split) from each prior",
            configuration: try configurationYAML(architecture: architecture, imageNames: pictures.map(\.name)),
            curves: curves, tableIterations: Self.tableIterations.filter { $0 <= iterations }, reference: loaded[0].name,
            gallery: gallery,
            facts: [("images", "\(pictures.count) of \(dataset)/\(split) at \(size)×\(size)"),
                    ("fit", "\(iterations) Adam steps, lr \(lr), seed \(seed)")] + loaded.map { ($0.name, $0.description) })
        let folder = try ReportWriter.write(report, under: URL(fileURLWithPath: out), suiteVersion: StrainerVersion.current)
        print(MarkdownReport.table(report.table))
        print("\nreport: \(folder.appendingPathComponent("report.html").path)")
    }

    /// A prior by command-line name, with a one-line description for the report.
    private func loadPrior(_ argument: String) throws -> (name: String, prior: Prior, description: String) {
        if argument == "random" {
            return ("random", RandomPrior(), "the family's own random initialisation")
        }
        let url = URL(fileURLWithPath: argument)
        let file = try PriorFile.read(url)
        var description = "\(file.kind.rawValue) prior \(url.lastPathComponent)"
        if let provenance = file.provenance {
            description += " trained on \(provenance.imageNames.count) image(s) of \(provenance.dataset)/\(provenance.split), "
                + "\(provenance.iterations) steps in \(ProgressLine.duration(provenance.trainingSeconds)), seed \(provenance.seed)"
        }
        if freezeEncoder, case .sharedEncoder = file.content { description += ", encoder frozen" }
        return (file.kind.rawValue, file.prior(freezeEncoder: freezeEncoder), description)
    }

    /// Fits `image` from `initialization`; returns the measured curve and the final reconstruction.
    private func fit(_ image: Image, from initialization: Initialization,
                     step: (Int, Double?) -> Void) throws -> ([CurvePoint], Image) {
        let coordinates = try Matrix.coordinates(height: image.height, width: image.width)
        let target = try Matrix(targetsOf: image)
        let fit = try ImageFit(network: initialization.network, coordinates: coordinates, target: target,
                               options: FitOptions(iterations: iterations, adam: .init(learningRate: lr), evaluateEvery: 0,
                                                   frozenParameterCount: initialization.frozenParameterCount))
        var seconds = 0.0
        func measure(_ iteration: Int, loss: Double?) throws -> (CurvePoint, Image) {
            let prediction = try fit.network.evaluate(coordinates, workspace: fit.workspace)
            let reconstruction = Image(networkOutput: prediction, height: image.height, width: image.width)
            let point = CurvePoint(iteration: iteration, psnr: try ImageMetrics.psnr(image, reconstruction),
                                   ssim: try ImageMetrics.ssim(image, reconstruction), loss: loss, seconds: seconds)
            return (point, reconstruction)
        }
        var (first, reconstruction) = try measure(0, loss: nil)
        var points = [first]
        for iteration in 1...iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let loss = try fit.step()
            seconds += Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            if iteration % evaluateEvery == 0 || iteration == iterations {
                (first, reconstruction) = try measure(iteration, loss: loss)
                points.append(first)
                step(iteration, first.psnr)
            } else {
                step(iteration, nil)
            }
        }
        return (points, reconstruction)
    }

    /// The resolved configuration, saved as the run's config.yaml.
    private func configurationYAML(architecture: Architecture, imageNames: [String]) throws -> String {
        let settings: [String: Any] = [
            "command": "compare-priors", "dataset": dataset, "split": split, "images": imageNames, "size": size,
            "priors": priors, "iterations": iterations, "learning_rate": Double(lr), "seed": Int(seed),
            "evaluate_every": evaluateEvery, "freeze_encoder": freezeEncoder, "network": architecture.metadata, "suite_version": StrainerVersion.current,
        ]
        return try Yams.dump(object: settings, sortKeys: true)
    }
}
