import ArgumentParser
import Foundation
import INR
import Imaging
import Operators
import Priors
import Reporting
import SeededRandom
import Solver

/// One image of a comparison: its name and the inverse problem built from it (ground truth included).
struct ComparedImage {
    var name: String
    var problem: InverseProblem
}

/// A prior to fit from, with the name its curves carry, a line for the report, and the seed of its random draws
/// (image `k` uses `SeedSequence.derive(seed, stream: k)`).
struct ComparedPrior {
    var name: String
    var prior: Prior
    var description: String
    var seed: UInt64
    /// SHA-256 of the prior file it was read from (recorded in the run's configuration); `nil` for `random`.
    var fileDigest: String?
}

/// A classical reconstruction, with the name its row carries and a line for the report.
struct ComparedBaseline {
    var name: String
    var description: String
    var reconstruct: (InverseProblem) throws -> [Float]
}

/// Runs every prior and every baseline on every image of a problem: an INR solve from each prior (image `k`'s
/// initialisation drawn from the prior's seed, stream `k`: priors with the same seed differ only in what they
/// are), and each baseline once. Collects the curves and, for the first `galleryImages` images, the panels of the report.
///
/// With a `journal`, every finished fit is kept on disk as it finishes; with `reusesJournal` too, fits the journal
/// already holds (from an interrupted run of the same configuration) are taken from it instead of being run again.
struct ComparisonRun {
    var problem: String
    /// The network; its output width follows each image's channels (a dataset may mix gray and RGB images).
    var architecture: Architecture
    var options: SolverOptions
    var galleryImages = 3
    var journal: RunJournal?
    var reusesJournal = false

    private func architecture(for image: ComparedImage) -> Architecture {
        var fitted = architecture
        fitted.dimensions[fitted.dimensions.count - 1] = image.problem.reconstructionShape.channels
        return fitted
    }

    /// What a comparison produced: every curve, the report's panels, and every best reconstruction.
    struct Outcome {
        var curves: [MethodCurve] = []
        var gallery: [(image: String, panels: [GalleryPanel])] = []
        /// The best iterate of each prior (its discrepancy stop when the fit ended there; the result of each
        /// baseline) on each image, in run order.
        var reconstructions: [(image: String, method: String, reconstruction: Image)] = []
    }

    func run(images: [ComparedImage], priors: [ComparedPrior], baselines: [ComparedBaseline]) throws -> Outcome {
        let progress = ProgressLine()
        let reused = reusesJournal ? journal : nil
        let fitsToRun = images.flatMap { image in priors.filter { reused?.contains(image: image.name, method: $0.name) != true } }
        let totalSteps = max(1, fitsToRun.count * options.iterations)
        var stepsDone = 0
        var outcome = Outcome()
        for (index, image) in images.enumerated() {
            let location = "\(problem): image \(index + 1)/\(images.count) \(image.name)"
            var panels: [GalleryPanel] = []
            if let truth = image.problem.groundTruth { panels.append(GalleryPanel(label: "ground truth", image: truth)) }
            panels.append(GalleryPanel(
                label: "measurement", image: MeasurementPreview.image(of: image.problem.measurement, through: image.problem.forward)))
            /// Adds a finished fit to the outcome and to the image's panels.
            func collect(_ entry: RunJournal.Entry, _ reconstruction: Image) {
                outcome.curves.append(entry.curve)
                outcome.reconstructions.append((image.name, entry.curve.method, reconstruction))
                panels.append(GalleryPanel(label: entry.caption, image: reconstruction))
            }
            /// Whether the journal held the fit of `method` on this image (then collected from it).
            func resumed(_ method: String) throws -> Bool {
                guard let (entry, reconstruction) = try reused?.entry(image: image.name, method: method) else { return false }
                collect(entry, reconstruction)
                progress.show(String(format: "%@, %@: taken from the journal (best PSNR %.2f dB)", location, method,
                                     entry.curve.best?.psnr ?? .nan), keep: true)
                return true
            }
            for baseline in baselines {
                if try resumed(baseline.name) { continue }
                let (curve, reconstruction) = try evaluate(baseline, on: image)
                let entry = RunJournal.Entry(curve: curve, caption: baseline.name)
                try journal?.record(entry, reconstruction: reconstruction)
                collect(entry, reconstruction)
                progress.show(String(format: "%@, %@ (baseline): PSNR %.2f dB", location, baseline.name, curve.points[0].psnr), keep: true)
            }
            for prior in priors {
                if try resumed(prior.name) { continue }
                let imageSeed = SeedSequence.derive(prior.seed, stream: UInt64(index))
                let initialization = try prior.prior.initialization(for: architecture(for: image), seed: imageSeed)
                var solverOptions = options
                solverOptions.frozenParameterCount = initialization.frozenParameterCount
                let solver = try INRSolver(network: initialization.network, problem: image.problem, options: solverOptions)
                var lastPSNR = Double.nan
                let result = try solver.run { step in
                    stepsDone += 1
                    if let evaluation = step.evaluation { lastPSNR = evaluation.psnr }
                    let psnr = lastPSNR.isNaN ? "—" : String(format: "%.2f dB", lastPSNR)  // before the first evaluation
                    progress.show(String(format: "%@, %@: step %d/%d  PSNR %@  %.1f steps/s  ", location, prior.name,
                                         step.iteration, options.iterations, psnr, 1 / max(step.stepSeconds, 1e-9))
                                  + progress.eta(done: stepsDone, total: totalSteps))
                }
                // Stopped by the discrepancy principle, the fit's answer is its last iterate; otherwise its best.
                let answer = result.stoppedEarly ? result.finalImage : result.bestImage
                let curve = MethodCurve(
                    problem: problem, image: image.name, method: prior.name, kind: .prior,
                    points: result.evaluations.map {
                        CurvePoint(iteration: $0.iteration, psnr: $0.psnr, ssim: $0.ssim, loss: $0.loss, seconds: $0.seconds)
                    },
                    discrepancyStop: result.discrepancyStop)
                let label = result.stoppedEarly ? "stopped at step \(result.discrepancyStop!)" : "best, step \(result.best.iteration)"
                let entry = RunJournal.Entry(curve: curve, caption: "\(prior.name) (\(label))")
                try journal?.record(entry, reconstruction: answer)
                collect(entry, answer)
                let stop = result.discrepancyStop.map { stop in
                    let psnr = result.evaluations.first { $0.iteration == stop }.map { String(format: ", %.2f dB", $0.psnr) } ?? ""
                    return "; discrepancy ≤ \(options.discrepancyTarget) at step \(stop)\(psnr)"
                } ?? ""
                progress.show(String(format: "%@, %@: best PSNR %.2f dB at step %d of %d, %.3f s/step", location, prior.name,
                                     result.best.psnr, result.best.iteration, options.iterations, result.medianStepSeconds()) + stop,
                              keep: true)
            }
            if index < galleryImages { outcome.gallery.append((image.name, panels)) }
        }
        return outcome
    }

    /// A baseline's reconstruction, clipped to [0, 1], as a one-point curve timed by its wall clock.
    private func evaluate(_ baseline: ComparedBaseline, on image: ComparedImage) throws -> (MethodCurve, Image) {
        let shape = image.problem.reconstructionShape
        let start = DispatchTime.now().uptimeNanoseconds
        let values = try baseline.reconstruct(image.problem)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw ValidationError("baseline \(baseline.name) on \(image.name) produced \(values[bad]) at sample \(bad); "
                           + "check its parameters (\(baseline.description))")
        }
        let reconstruction = Image(height: shape.height, width: shape.width, channels: shape.channels,
                                   pixels: values.map { min(max($0, 0), 1) })
        var point = CurvePoint(iteration: 0, psnr: .nan, seconds: seconds)
        if let truth = image.problem.groundTruth {
            point.psnr = try ImageMetrics.psnr(truth, reconstruction)
            point.ssim = try? ImageMetrics.ssim(truth, reconstruction)
        }
        return (MethodCurve(problem: problem, image: image.name, method: baseline.name, kind: .baseline, points: [point]), reconstruction)
    }
}
