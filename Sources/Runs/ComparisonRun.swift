import Foundation
import INR
import Imaging
import Operators
import Priors
import Reporting
import SeededRandom
import Solver

/// Runs every prior and every baseline on every image of a problem: an INR solve from each prior (image `k`'s
/// initialisation drawn from the prior's seed, stream `k`: priors with the same seed differ only in what they
/// are), and each baseline once. Collects the curves and, for the first `galleryImages` images, the panels of the report.
///
/// The baselines run first, one after another; then the fits, `jobs` at a time, each on an equal share of the
/// threads (a fit's numbers do not depend on its threads, so neither does the outcome, which lists every image's
/// baselines then priors in the order given).
///
/// With a `journal`, every finished fit is kept on disk as it finishes, and a running fit keeps its solver's state
/// there at most `checkpointSeconds` old; with `reusesJournal` too, fits the journal already holds (from an
/// interrupted run of the same configuration) are taken from it instead of being run again, and an unfinished fit
/// continues from its kept state (to the same bits as an uninterrupted fit).
public struct ComparisonRun {
    public var problem: String
    /// The network; its output width follows each image's channels (a dataset may mix gray and RGB images).
    public var architecture: Architecture
    public var options: SolverOptions
    public var galleryImages = 3
    /// Whether the gallery shows each reconstruction's error map (``ErrorMap``) after it.
    public var errorMaps = false
    public var journal: RunJournal?
    public var reusesJournal = false
    public var checkpointSeconds = 60.0
    public var jobs = 1

    public init(problem: String, architecture: Architecture, options: SolverOptions, galleryImages: Int = 3, errorMaps: Bool = false,
                journal: RunJournal? = nil, reusesJournal: Bool = false, checkpointSeconds: Double = 60, jobs: Int = 1) {
        self.problem = problem
        self.architecture = architecture
        self.options = options
        self.galleryImages = galleryImages
        self.errorMaps = errorMaps
        self.journal = journal
        self.reusesJournal = reusesJournal
        self.checkpointSeconds = checkpointSeconds
        self.jobs = jobs
    }

    private func architecture(for image: ComparedImage) -> Architecture {
        var fitted = architecture
        fitted.dimensions[fitted.dimensions.count - 1] = image.problem.reconstructionShape.channels
        return fitted
    }

    /// What a comparison produced: every curve, the report's panels, and every best reconstruction.
    public struct Outcome {
        public var curves: [MethodCurve] = []
        public var gallery: [(image: String, panels: [GalleryPanel])] = []
        /// The best iterate of each prior (its discrepancy stop when the fit ended there; the result of each
        /// baseline) on each image, in run order.
        public var reconstructions: [(image: String, method: String, reconstruction: Image)] = []
    }

    /// One method's finished work on one image: its journal entry and its reconstruction.
    private typealias Finished = (entry: RunJournal.Entry, reconstruction: Image)

    public func run(images: [ComparedImage], priors: [ComparedPrior], baselines: [ComparedBaseline]) throws -> Outcome {
        try StopRequest.handling { try runStoppably(images: images, priors: priors, baselines: baselines) }
    }

    /// ``run(images:priors:baselines:)``, ending with ``StopRequest/Interrupted`` after a signal asked it to stop.
    private func runStoppably(images: [ComparedImage], priors: [ComparedPrior], baselines: [ComparedBaseline]) throws -> Outcome {
        let reused = reusesJournal ? journal : nil
        let pendingFits = images.indices.flatMap { index in
            priors.indices.filter { reused?.contains(image: images[index].name, method: priors[$0].name) != true }.map { (index, $0) }
        }
        let progress = FitsProgress(totalSteps: pendingFits.count * options.fit.iterations)
        // finished[image][k]: baseline k, then prior k − baselines.count.
        var finished = [[Finished?]](repeating: Array(repeating: nil, count: baselines.count + priors.count), count: images.count)
        for (index, image) in images.enumerated() {
            for (k, method) in (baselines.map(\.name) + priors.map(\.name)).enumerated() {
                guard let (entry, reconstruction) = try reused?.entry(image: image.name, method: method) else { continue }
                finished[index][k] = (entry, reconstruction)
                progress.keep(String(format: "%@, %@: taken from the journal (best PSNR %.2f dB)", location(index, of: images),
                                     method, entry.curve.best?.psnr ?? .nan))
            }
            for (k, baseline) in baselines.enumerated() where finished[index][k] == nil {
                finished[index][k] = try reconstruct(with: baseline, images, index, progress: progress)
                if let signal = StopRequest.signal { throw interrupted(by: signal) }
            }
        }
        let fitted = try runFits(pendingFits, images: images, priors: priors, progress: progress)
        for ((index, k), result) in zip(pendingFits, fitted) { finished[index][baselines.count + k] = result }

        var outcome = Outcome()
        for (index, image) in images.enumerated() {
            var panels: [GalleryPanel] = []
            if let truth = image.problem.groundTruth { panels.append(GalleryPanel(label: "ground truth", image: truth)) }
            panels.append(try MeasurementPreview.panel(of: image.problem.measurement, through: image.problem.forward))
            for case let (entry, reconstruction)? in finished[index] {
                outcome.curves.append(entry.curve)
                outcome.reconstructions.append((image.name, entry.curve.method, reconstruction))
                panels.append(GalleryPanel(label: entry.caption, image: reconstruction, detail: entry.score))
                if errorMaps, let truth = image.problem.groundTruth, let map = ErrorMap.of(reconstruction, against: truth) {
                    panels.append(GalleryPanel(label: "\(entry.curve.method) error", image: map,
                                               detail: String(format: "|x − x̂| × %.0f", ErrorMap.gain)))
                }
            }
            if index < galleryImages { outcome.gallery.append((image.name, panels)) }
        }
        return outcome
    }

    /// Runs method `method` (the baselines, then the priors: ``RunPlan``'s numbering) on image `index` alone, keeping it
    /// in the journal: read back when the journal holds it, else run (on all the threads), continuing from the state
    /// the journal kept of it when there is one (so a task run again after an interruption ends with the same bits).
    /// Returns its journal entry.
    public func runOne(method: Int, on index: Int, images: [ComparedImage], priors: [ComparedPrior],
                       baselines: [ComparedBaseline]) throws -> RunJournal.Entry {
        try StopRequest.handling {
            let name = method < baselines.count ? baselines[method].name : priors[method - baselines.count].name
            let progress = FitsProgress(totalSteps: method < baselines.count ? 1 : options.fit.iterations)
            if reusesJournal, let (entry, _) = try journal?.entry(image: images[index].name, method: name) {
                progress.keep(String(format: "%@, %@: taken from the journal (best PSNR %.2f dB)", location(index, of: images),
                                     name, entry.curve.best?.psnr ?? .nan))
                return entry
            }
            if method < baselines.count { return try reconstruct(with: baselines[method], images, index, progress: progress).entry }
            return try fit(priors[method - baselines.count], on: images, index, problem: images[index].problem, slot: 0, sharing: 1,
                           progress: progress, stop: { false }).entry
        }
    }

    /// Runs `baseline` on image `index` and keeps its result in the journal.
    private func reconstruct(with baseline: ComparedBaseline, _ images: [ComparedImage], _ index: Int,
                             progress: FitsProgress) throws -> Finished {
        let (curve, reconstruction) = try evaluate(baseline, on: images[index])
        let entry = RunJournal.Entry(curve: curve, caption: baseline.name)
        try journal?.record(entry, reconstruction: reconstruction)
        progress.keep(String(format: "%@, %@ (baseline): PSNR %.2f dB", location(index, of: images), baseline.name,
                             curve.points[curve.points.count - 1].psnr))
        return (entry, reconstruction)
    }

    /// "problem: image 3/10 name", how progress names an image.
    private func location(_ index: Int, of images: [ComparedImage]) -> String {
        "\(problem): image \(index + 1)/\(images.count) \(images[index].name)"
    }

    /// Solves `fits` (image index, prior index), `jobs` at a time; their results in the order of `fits`. The first
    /// error stops the fits still running and is rethrown once all have stopped.
    private func runFits(_ fits: [(image: Int, prior: Int)], images: [ComparedImage], priors: [ComparedPrior],
                         progress: FitsProgress) throws -> [Finished] {
        let slots = max(1, min(jobs, fits.count))
        let queue = FitQueue<Finished>(count: fits.count)
        // Each slot solves its own fits in its own solver and problem; what they share is read-only (the images'
        // measurements, the priors, this run's settings), the queue, the progress and the journal's separate files.
        nonisolated(unsafe) let images = images, priors = priors, run = self
        DispatchQueue.concurrentPerform(iterations: slots) { slot in
            while let next = queue.take() {
                let (index, k) = fits[next]
                do {
                    let problem = slots == 1 ? images[index].problem : try images[index].separateProblem()
                    queue.store(try run.fit(priors[k], on: images, index, problem: problem, slot: slot, sharing: slots,
                                            progress: progress, stop: { queue.failed }), at: next)
                } catch {
                    queue.fail(error)
                }
            }
        }
        return try queue.results()
    }

    /// Solves image `index` (as `problem`) from `prior` on `1/sharing` of the threads, reporting progress as `slot`;
    /// journals the result. `stop()` true ends it early with an error (another fit failed).
    private func fit(_ prior: ComparedPrior, on images: [ComparedImage], _ index: Int, problem: InverseProblem, slot: Int,
                     sharing: Int, progress: FitsProgress, stop: () -> Bool) throws -> Finished {
        let image = images[index]
        let imageSeed = SeedSequence.derive(prior.seed, stream: UInt64(index))
        let initialization = try prior.prior.initialization(for: architecture(for: image), seed: imageSeed)
        var solverOptions = options
        solverOptions.fit.frozenParameterCount = initialization.frozenParameterCount
        solverOptions.fit.threads = max(1, options.fit.threads / sharing)
        let solver = try INRSolver(network: initialization.network, problem: problem, options: solverOptions)
        let location = location(index, of: images)
        var lastPSNR = try continueUnfinished(solver, image: image.name, method: prior.name, at: location, progress: progress) ?? .nan
        var bestPSNR = lastPSNR
        var lastSave = DispatchTime.now().uptimeNanoseconds
        let result = try solver.run { step in
            // After its last step a fit is recorded as finished, even when asked to stop (the next fit stops).
            let signal = step.iteration < options.fit.iterations ? StopRequest.signal : nil
            if let journal, step.iteration < options.fit.iterations,
               signal != nil || Double(DispatchTime.now().uptimeNanoseconds - lastSave) * 1e-9 >= checkpointSeconds {
                try journal.keepUnfinished(image: image.name, method: prior.name) { try solver.state.write(to: $0) }
                lastSave = DispatchTime.now().uptimeNanoseconds
            }
            if let signal { throw interrupted(by: signal) }
            if stop() { throw StoppedByAnotherFit() }
            if let evaluation = step.evaluation {
                lastPSNR = evaluation.psnr
                bestPSNR = bestPSNR.isNaN ? lastPSNR : max(bestPSNR, lastPSNR)
            }
            // The current PSNR and, once a noisy fit has passed its peak, the best so far (— before the first evaluation).
            let psnr = lastPSNR.isNaN ? "—" : String(format: "%.2f dB", lastPSNR)
                + (bestPSNR > lastPSNR ? String(format: ", best %.2f", bestPSNR) : "")
            // A few words each (the kept lines name the problem and the image file), so the line fits 70 columns.
            let status = sharing == 1
                ? String(format: "%@, image %d/%d: step %d/%d  PSNR %@  %.1f steps/s", prior.name, index + 1, images.count, step.iteration,
                         options.fit.iterations, psnr, 1 / max(step.stepSeconds, 1e-9))
                : String(format: "image %d %@ %d/%d %@", index + 1, prior.name, step.iteration, options.fit.iterations, psnr)
            progress.step(slot: slot, status: status)
        }
        // Stopped by the discrepancy principle, the fit's answer is its last iterate; otherwise its best.
        let answer = result.stoppedEarly ? result.finalImage : result.bestImage
        let curve = MethodCurve(
            problem: self.problem, image: image.name, method: prior.name, kind: .prior,
            points: result.evaluations.map {
                CurvePoint(iteration: $0.iteration, psnr: $0.psnr, ssim: $0.ssim, loss: $0.loss, seconds: $0.seconds)
            },
            discrepancyStop: result.discrepancyStop)
        let label = result.stoppedEarly ? "stopped at step \(result.discrepancyStop!)" : "best, step \(result.best.iteration)"
        let entry = RunJournal.Entry(curve: curve, caption: "\(prior.name) (\(label))",
                                     answer: result.stoppedEarly ? result.discrepancyStop! : result.best.iteration)
        try journal?.record(entry, reconstruction: answer)
        let stopNote = result.discrepancyStop.map { stop in
            let psnr = result.evaluations.first { $0.iteration == stop }.map { String(format: ", %.2f dB", $0.psnr) } ?? ""
            return "; discrepancy ≤ \(options.discrepancyTarget) at step \(stop)\(psnr)"
        } ?? ""
        progress.keep(String(format: "%@, %@: best PSNR %.2f dB at step %d of %d, %.3f s/step", location, prior.name,
                             result.best.psnr, result.best.iteration, options.fit.iterations, result.medianStepSeconds()) + stopNote,
                      clearing: slot)
        return (entry, answer)
    }

    /// With `reusesJournal`, restores into `solver` the state the journal kept of the unfinished fit of `method` on
    /// `image`, if there is one, and says so; returns the PSNR last measured then (`nil` when nothing was restored).
    private func continueUnfinished(_ solver: INRSolver, image: String, method: String, at location: String,
                                    progress: FitsProgress) throws -> Double? {
        guard reusesJournal, let unfinished = journal?.unfinishedFile(image: image, method: method),
              FileManager.default.fileExists(atPath: unfinished.path) else { return nil }
        let state: SolverState
        do {
            state = try SolverState.read(unfinished)
            try solver.restore(state)
        } catch let error as SolverError {
            guard case .shapeMismatch = error else { throw error }
            throw SolverError.unreadableState(file: unfinished.path, problem: "does not fit this fit: \(error)")
        }
        progress.resumed(steps: solver.iteration)
        progress.keep("\(location), \(method): continuing from step \(solver.iteration), kept in the journal")
        return state.evaluations.last?.psnr ?? .nan
    }

    /// How the run ends when `signal` asked it to stop: what is kept, and where.
    private func interrupted(by signal: Int32) -> StopRequest.Interrupted {
        StopRequest.Interrupted(signal: signal, kept: "the finished fits and the running fits' state are kept in "
                                    + (journal?.folder.path ?? "no journal (this run keeps none)"))
    }

    /// A baseline's reconstruction, clipped to [0, 1], and its curve: one point per iterate for an iterative baseline
    /// (``Baselines/IterativeReconstructor``: the start, then each iteration, the last point its result), else one
    /// point at iteration 0. Each point's seconds are the wall clock up to that iterate, measuring excluded.
    private func evaluate(_ baseline: ComparedBaseline, on image: ComparedImage) throws -> (MethodCurve, Image) {
        var points: [CurvePoint] = []
        var measuring: UInt64 = 0
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start - measuring) * 1e-9 }
        let values = try baseline.reconstruct(image.problem) { iteration, iterate in
            let seconds = elapsed(), measured = DispatchTime.now().uptimeNanoseconds
            points.append(try measure(iterate, of: baseline, on: image, iteration: iteration, seconds: seconds).point)
            measuring += DispatchTime.now().uptimeNanoseconds - measured
        }
        let (result, reconstruction) = try measure(values, of: baseline, on: image, iteration: points.last?.iteration ?? 0,
                                                   seconds: points.last?.seconds ?? elapsed())
        if points.isEmpty { points = [result] }
        return (MethodCurve(problem: problem, image: image.name, method: baseline.name, kind: .baseline, points: points),
                reconstruction)
    }

    /// `values` (a baseline's iterate or result) clipped to [0, 1], and its point: PSNR and SSIM against the ground
    /// truth when there is one. Throws for a sample that is not finite.
    private func measure(_ values: [Float], of baseline: ComparedBaseline, on image: ComparedImage, iteration: Int,
                         seconds: Double) throws -> (point: CurvePoint, image: Image) {
        let shape = image.problem.reconstructionShape
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw RunError("baseline \(baseline.name) on \(image.name) produced \(values[bad]) at sample \(bad); "
                           + "check its parameters (\(baseline.description))")
        }
        let clipped = Image(height: shape.height, width: shape.width, channels: shape.channels,
                            pixels: values.map { min(max($0, 0), 1) })
        var point = CurvePoint(iteration: iteration, psnr: .nan, seconds: seconds)
        if let truth = image.problem.groundTruth {
            point.psnr = try ImageMetrics.psnr(truth, clipped)
            point.ssim = try? ImageMetrics.ssim(truth, clipped)
        }
        return (point, clipped)
    }
}
