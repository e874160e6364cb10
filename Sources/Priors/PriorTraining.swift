import Foundation
import Imaging
import INR
import SeededRandom

/// What `strainer train-prior` reports while a prior learns.
public struct PriorTrainingProgress: Sendable {
    public let iteration: Int
    public let iterations: Int
    /// The step this run started from: 0, or the checkpoint's step when resumed.
    public let firstIteration: Int
    /// The step's training loss (MSE on [−1, 1], summed over images for STRAINER).
    public let loss: Double
    /// Mean and worst training PSNR over the images (dB), when measured.
    public let meanPSNR: Double?
    public let worstPSNR: Double?
    public let stepSeconds: Double
}

/// Learns a prior of any kind from a training set — the one entry point of `strainer train-prior`.
public enum PriorTraining {
    public struct Options: Sendable {
        /// The full network the prior seeds (its outputs must match the training images' channels).
        public var architecture: Architecture
        public var iterations: Int
        public var seed: UInt64
        /// Adam's learning rate for STRAINER and fitted priors (the paper: 1e-4).
        public var learningRate: Float
        /// Meta-learning settings, for `meta`.
        public var meta: MetaLearner.Options
        /// Measure training PSNRs every this many steps (and at the last).
        public var measureEvery: Int
        public var threads: Int

        public init(architecture: Architecture, iterations: Int, seed: UInt64, learningRate: Float = 1e-4,
                    meta: MetaLearner.Options = .init(), measureEvery: Int = 100, threads: Int = ComputeThreads.available) {
            self.architecture = architecture
            self.iterations = iterations
            self.seed = seed
            self.learningRate = learningRate
            self.meta = meta
            self.measureEvery = measureEvery
            self.threads = threads
        }
    }

    /// Trains a prior of `kind` on `trainingSet` and returns it with its provenance.
    ///
    /// - `strainer`: a shared encoder with one decoder per image, all K images;
    /// - `strainer-1`: the same with the first image only;
    /// - `fitted`: a whole network fitted to the first image;
    /// - `meta`: a meta-learned initialisation over all images.
    ///
    /// With a `checkpoint` policy the training state is saved (atomically) at its interval and when the policy asks
    /// the training to stop (then it ends with ``TrainingStopped``), and with
    /// `checkpoint.resume` a saved state of the same training is continued: the result equals an uninterrupted
    /// run's bit for bit, its training time the sum of the runs'. A checkpoint of other settings is an error.
    public static func train(kind: PriorKind, on trainingSet: TrainingSet, dataset: String, split: String,
                             options: Options, suiteVersion: String, platform: [String: String] = [:],
                             checkpoint: CheckpointPolicy? = nil,
                             progress: (PriorTrainingProgress) throws -> Void = { _ in }) throws -> PriorFile {
        guard options.iterations >= 1 else { throw PriorError("iterations", "is \(options.iterations); expected ≥ 1") }
        guard options.architecture.dimensions.last == trainingSet.channels else {
            throw PriorError("architecture", "has \(options.architecture.dimensions.last ?? 0) outputs; the training images have \(trainingSet.channels) channels")
        }
        let used = trainingSet.images(usedBy: kind)
        let trainer = try makeTrainer(kind: kind, on: used, options: options)
        let identity = identity(kind: kind, on: trainingSet, options: options, suiteVersion: suiteVersion, platform: platform)
        let elapsedBefore = try checkpoint.map { try resume(trainer, from: $0, identity: identity, iterations: options.iterations) } ?? 0
        let firstIteration = trainer.iteration
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) * 1e-9 }
        var lastSave = start
        var psnrs: [Double] = []
        while trainer.iteration < options.iterations {
            let next = trainer.iteration + 1
            let measure = next == options.iterations || (options.measureEvery > 0 && next % options.measureEvery == 0)
            let stepStart = DispatchTime.now().uptimeNanoseconds
            let (loss, measured) = try trainer.trainingStep(measure: measure)
            let stepSeconds = elapsed(since: stepStart)
            if let measured { psnrs = measured }
            try progress(PriorTrainingProgress(
                iteration: trainer.iteration, iterations: options.iterations, firstIteration: firstIteration, loss: loss,
                meanPSNR: measured.map { $0.reduce(0, +) / Double($0.count) }, worstPSNR: measured?.min(),
                stepSeconds: stepSeconds))
            guard let checkpoint, trainer.iteration < options.iterations else { continue }
            let stopping = checkpoint.isStopRequested()
            if stopping || checkpoint.isDue(iteration: trainer.iteration, secondsSinceSave: elapsed(since: lastSave)) {
                try TrainingCheckpoint(identity: identity, elapsedSeconds: elapsedBefore + elapsed(since: start),
                                       state: trainer.trainingState).write(to: checkpoint.url)
                lastSave = DispatchTime.now().uptimeNanoseconds
            }
            if stopping { throw TrainingStopped(iteration: trainer.iteration, checkpoint: checkpoint.url) }
        }
        let provenance = PriorProvenance(
            dataset: dataset, split: split, imageNames: used.names, imageDigests: used.digests,
            iterations: options.iterations, trainingPSNRs: psnrs, trainingSeconds: elapsedBefore + elapsed(since: start),
            seed: options.seed, suiteVersion: suiteVersion, settings: options.settings(for: kind, on: used), platform: platform)
        return PriorFile(kind: kind, content: trainer.content, provenance: provenance)
    }

    /// With `checkpoint.resume` and a checkpoint on disk, restores it into `trainer` after checking that it belongs to
    /// this training (`identity`) and stops short of `iterations`; returns the training time it already holds (else 0).
    private static func resume(_ trainer: any PriorTrainer, from checkpoint: CheckpointPolicy, identity: String,
                               iterations: Int) throws -> Double {
        guard checkpoint.resume, checkpoint.exists else { return 0 }
        let saved = try TrainingCheckpoint.read(checkpoint.url)
        guard saved.identity == identity else {
            throw PriorError(checkpoint.url.path, "holds the state of another training (other kind, images, size, network, seed, settings, suite version or machine); run without --resume to start afresh")
        }
        guard saved.state.iteration < iterations else {
            throw PriorError(checkpoint.url.path, "is at step \(saved.state.iteration); --iterations \(iterations) leaves nothing to do (expected more steps than the checkpoint's)")
        }
        try trainer.restore(saved.state)
        return saved.elapsedSeconds
    }

    /// A fresh trainer of `kind` on the images it uses, initialised from the options' seed.
    private static func makeTrainer(kind: PriorKind, on used: TrainingSet, options: Options) throws -> any PriorTrainer {
        switch kind {
        case .strainer, .strainer1:
            let model = try SharedEncoder(architecture: options.architecture, decoderCount: used.count, seed: options.seed)
            return try SharedEncoderTrainer(model: model, trainingSet: used, adam: .init(learningRate: options.learningRate),
                                            threads: options.threads)
        case .fitted:
            return try ImageFit(network: try Network(architecture: options.architecture, seed: options.seed),
                                coordinates: used.coordinates, target: used.targets[0],
                                options: FitOptions(iterations: options.iterations, adam: .init(learningRate: options.learningRate),
                                                    evaluateEvery: options.measureEvery, threads: options.threads))
        case .meta:
            return try MetaLearner(network: try Network(architecture: options.architecture, seed: options.seed),
                                   trainingSet: used, options: options.meta,
                                   seed: SeedSequence.derive(options.seed, stream: 0), threads: options.threads)
        }
    }

    /// SHA-256 of everything a training's numbers depend on except its length: kind, architecture, the training
    /// images' digests, seed, settings (learning rates, meta-learning, image size), suite version and machine
    /// (`platform`: its kernels decide the last bits). Steps are left out, so a checkpoint also continues towards a
    /// larger `--iterations` (the learning rates are constant).
    public static func identity(kind: PriorKind, on trainingSet: TrainingSet, options: Options, suiteVersion: String,
                                platform: [String: String] = [:]) -> String {
        let used = trainingSet.images(usedBy: kind)
        func lines(_ fields: [String: String], prefix: String = "") -> [String] {
            fields.sorted { $0.key < $1.key }.map { "\(prefix)\($0.key)=\($0.value)" }
        }
        let description = ["kind=\(kind.rawValue)", "architecture=\(options.architecture)", "seed=\(options.seed)",
                           "images=\(used.digests.joined(separator: ","))", "suite=\(suiteVersion)"]
            + lines(options.settings(for: kind, on: used)) + lines(platform, prefix: "platform.")
        return SHA256.hexDigest(of: Data(description.joined(separator: "\n").utf8))
    }
}

extension PriorTraining.Options {
    /// The settings a prior file records beyond its architecture and provenance: the image size, and the
    /// learning rate (or the meta-learning settings).
    func settings(for kind: PriorKind, on set: TrainingSet) -> [String: String] {
        var settings = kind == .meta ? meta.settings : ["learning_rate": "\(learningRate)"]
        settings["image_size"] = "\(set.height)x\(set.width)x\(set.channels)"
        return settings
    }
}

extension PriorFile {
    /// True when this file is what ``PriorTraining/train(kind:on:dataset:split:options:suiteVersion:platform:checkpoint:progress:)``
    /// would produce for these arguments — same kind, architecture, training images (by SHA-256), image size,
    /// steps, seed and learning settings — so it can be reused instead of trained again.
    public func matches(kind: PriorKind, on trainingSet: TrainingSet, options: PriorTraining.Options) -> Bool {
        guard self.kind == kind, architecture == options.architecture, let provenance else { return false }
        let used = trainingSet.images(usedBy: kind)
        return provenance.imageDigests == used.digests && provenance.iterations == options.iterations
            && provenance.seed == options.seed && provenance.settings == options.settings(for: kind, on: used)
    }
}

extension TrainingSet {
    /// The images a prior of `kind` learns from: all of them for `strainer` and `meta`, the first for
    /// `strainer-1` and `fitted`.
    func images(usedBy kind: PriorKind) -> TrainingSet {
        kind == .strainer || kind == .meta ? self : TrainingSet(subsetOf: self, indices: [0])
    }
}
