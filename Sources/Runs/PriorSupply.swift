import Foundation
import INR
import Priors

/// Where a learned prior comes from: trained on a dataset split and written to a file, or — when that file already
/// holds exactly this prior (same kind, images, size, network, steps, seed, settings) and reuse is allowed —
/// read back, so a second run of a problem or of `make demo` skips the training.
public enum PriorSupply {
    /// What to train: `kind` on `trainingSet` (images of `dataset`/`split`) with `options`.
    public struct Request {
        public var kind: PriorKind
        public var trainingSet: TrainingSet
        public var dataset: String
        public var split: String
        public var options: PriorTraining.Options

        public init(kind: PriorKind, trainingSet: TrainingSet, dataset: String, split: String, options: PriorTraining.Options) {
            self.kind = kind
            self.trainingSet = trainingSet
            self.dataset = dataset
            self.split = split
            self.options = options
        }
    }

    /// The prior file at `url`: reused when `reuse` and it matches `request`, else trained (with progress on
    /// stderr) and written atomically. `reused` tells which happened.
    ///
    /// While it trains, the training state is kept in `<url>.checkpoint` (at most `checkpointSeconds` old, and when a
    /// signal stops the training: ``StopRequest``); with `resume` a checkpoint of the same training is continued, and
    /// once the prior is written the checkpoint is removed.
    public static func obtain(_ request: Request, at url: URL, reuse: Bool, resume: Bool, checkpointSeconds: Double = 60) throws -> (file: PriorFile, reused: Bool) {
        if reuse, let existing = existing(request, at: url) {
            return (existing, true)
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let checkpoint = CheckpointPolicy(url: CheckpointPolicy.url(forPrior: url), interval: .seconds(checkpointSeconds), resume: resume,
                                          isStopRequested: { StopRequest.signal != nil })
        if checkpoint.exists && !resume {
            FileHandle.standardError.write(Data("note: \(checkpoint.url.path) holds an interrupted training's state; --resume continues it (this run replaces it with its own)\n".utf8))
        } else if resume && !checkpoint.exists {
            FileHandle.standardError.write(Data("note: no training state to resume at \(checkpoint.url.path); training from the start\n".utf8))
        }
        FileHandle.standardError.write(Data((announcement(of: request, at: url) + "\n").utf8))
        let progress = ProgressLine()
        let name = request.kind.rawValue
        let measureEvery = request.options.measureEvery
        let train = { try PriorTraining.train(
            kind: request.kind, on: request.trainingSet, dataset: request.dataset, split: request.split,
            options: request.options, suiteVersion: StrainerVersion.current, platform: RunPlatform.recorded,
            checkpoint: checkpoint
        ) { step in
            if step.firstIteration > 0 && step.iteration == step.firstIteration + 1 {
                progress.show("train-prior \(name): resuming at step \(step.firstIteration) from \(checkpoint.url.path)", keep: true)
            }
            var line = "train-prior \(name): step \(step.iteration)/\(step.iterations)  loss \(String(format: "%.5f", step.loss))"
            if let mean = step.meanPSNR, let worst = step.worstPSNR {
                line += String(format: "  PSNR mean %.2f dB, worst %.2f dB", mean, worst)
            }
            line += String(format: "  %.2f steps/s  ", 1 / max(step.stepSeconds, 1e-9))
                + progress.eta(done: step.iteration - step.firstIteration, total: step.iterations - step.firstIteration)
            progress.show(line, keep: step.meanPSNR != nil && step.iteration % (measureEvery * 10) == 0 || step.iteration == step.iterations)
        } }
        let prior = try StopRequest.handling {
            do {
                return try train()
            } catch let stopped as TrainingStopped {
                throw StopRequest.Interrupted(signal: StopRequest.signal ?? SIGINT,
                                              kept: "the training's state at step \(stopped.iteration) is kept in \(stopped.checkpoint.path)")
            }
        }
        try prior.write(to: url)
        try checkpoint.discard()
        return (prior, false)
    }

    /// The prior file at `url` when it holds exactly the prior `request` asks for; `nil` when there is none, it
    /// cannot be read, or it holds another.
    public static func existing(_ request: Request, at url: URL) -> PriorFile? {
        guard FileManager.default.fileExists(atPath: url.path), let file = try? PriorFile.read(url),
              file.matches(kind: request.kind, on: request.trainingSet, options: request.options) else { return nil }
        return file
    }

    /// Seconds a training step takes per image and pixel on one core of the machines the suite was measured on
    /// (a STRAINER-10 prior, 5000 steps on ten 178² faces: 63 minutes on 2 cores of an AMD EPYC).
    public static let secondsPerImagePixelStep = 2 * 3780.0 / (5000 * 10 * 178 * 178)

    /// The line said before a training starts: what is trained, a rough time, where it is kept, how to skip it.
    public static func announcement(of request: Request, at url: URL) -> String {
        let set = request.trainingSet
        let pixels = set.coordinates.rows
        let seconds = secondsPerImagePixelStep * Double(request.options.iterations * set.count * pixels)
            / Double(max(1, ComputeThreads.available))
        return "training a \(request.kind.rawValue) prior first: \(request.options.iterations) steps on \(set.count) image(s) of "
            + "\(request.dataset)/\(request.split) (\(pixels) pixels each), roughly \(ProgressLine.duration(seconds)) here; "
            + "it is kept in \(url.path) and reused by later runs. To skip it, fit from --prior random (or fewer --prior-iterations)."
    }
}
