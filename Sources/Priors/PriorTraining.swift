import Foundation
import INR
import SeededRandom

/// What `strainer train-prior` reports while a prior learns.
public struct PriorTrainingProgress: Sendable {
    public let iteration: Int
    public let iterations: Int
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
                    meta: MetaLearner.Options = .init(), measureEvery: Int = 100, threads: Int = 2) {
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
    public static func train(kind: PriorKind, on trainingSet: TrainingSet, dataset: String, split: String,
                             options: Options, suiteVersion: String,
                             progress: (PriorTrainingProgress) -> Void = { _ in }) throws -> PriorFile {
        guard options.iterations >= 1 else { throw PriorError("iterations", "is \(options.iterations); expected ≥ 1") }
        guard options.architecture.dimensions.last == trainingSet.channels else {
            throw PriorError("architecture", "has \(options.architecture.dimensions.last ?? 0) outputs; the training images have \(trainingSet.channels) channels")
        }
        let used = kind == .strainer || kind == .meta ? trainingSet : trainingSet.first()
        let start = DispatchTime.now().uptimeNanoseconds
        let content: PriorFile.Content
        var psnrs: [Double] = []
        let settings = options.settings(for: kind, on: used)
        switch kind {
        case .strainer, .strainer1:
            let model = try SharedEncoder(architecture: options.architecture, decoderCount: used.count, seed: options.seed)
            let trainer = try SharedEncoderTrainer(model: model, trainingSet: used, adam: .init(learningRate: options.learningRate),
                                                   threads: options.threads)
            try trainer.run(iterations: options.iterations, measureEvery: options.measureEvery) { step in
                progress(PriorTrainingProgress(iteration: step.iteration, iterations: options.iterations, loss: step.loss,
                                               meanPSNR: step.meanPSNR, worstPSNR: step.worstPSNR, stepSeconds: step.stepSeconds))
            }
            content = .sharedEncoder(trainer.model)
            psnrs = trainer.lastPSNRs
        case .fitted:
            let fit = try ImageFit(network: try Network(architecture: options.architecture, seed: options.seed),
                                   coordinates: used.coordinates, target: used.targets[0],
                                   options: FitOptions(iterations: options.iterations, adam: .init(learningRate: options.learningRate),
                                                       evaluateEvery: options.measureEvery, threads: options.threads))
            try fit.run { step in
                guard step.iteration > 0 else { return }
                progress(PriorTrainingProgress(iteration: step.iteration, iterations: options.iterations, loss: step.loss,
                                               meanPSNR: step.psnr, worstPSNR: step.psnr, stepSeconds: step.stepSeconds))
            }
            content = .network(fit.network)
            psnrs = [try fit.measure().psnr]
        case .meta:
            let learner = try MetaLearner(network: try Network(architecture: options.architecture, seed: options.seed),
                                          trainingSet: used, options: options.meta,
                                          seed: SeedSequence.derive(options.seed, stream: 0), threads: options.threads)
            for _ in 0..<options.iterations {
                let stepStart = DispatchTime.now().uptimeNanoseconds
                try learner.step()
                progress(PriorTrainingProgress(
                    iteration: learner.iteration, iterations: options.iterations, loss: learner.lastAdaptedLoss,
                    meanPSNR: nil, worstPSNR: nil, stepSeconds: Double(DispatchTime.now().uptimeNanoseconds - stepStart) * 1e-9))
            }
            content = .network(learner.network)
        }
        let provenance = PriorProvenance(
            dataset: dataset, split: split, imageNames: used.names, imageDigests: used.digests,
            iterations: options.iterations, trainingPSNRs: psnrs,
            trainingSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9, seed: options.seed,
            suiteVersion: suiteVersion, settings: settings)
        return PriorFile(kind: kind, content: content, provenance: provenance)
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
    /// True when this file is what ``PriorTraining/train(kind:on:dataset:split:options:suiteVersion:progress:)``
    /// would produce for these arguments — same kind, architecture, training images (by SHA-256), image size,
    /// steps, seed and learning settings — so it can be reused instead of trained again.
    public func matches(kind: PriorKind, on trainingSet: TrainingSet, options: PriorTraining.Options) -> Bool {
        guard self.kind == kind, architecture == options.architecture, let provenance else { return false }
        let used = kind == .strainer || kind == .meta ? trainingSet : trainingSet.first()
        return provenance.imageDigests == used.digests && provenance.iterations == options.iterations
            && provenance.seed == options.seed && provenance.settings == options.settings(for: kind, on: used)
    }
}

extension TrainingSet {
    /// The set reduced to its first image.
    func first() -> TrainingSet {
        TrainingSet(subsetOf: self, indices: [0])
    }
}
