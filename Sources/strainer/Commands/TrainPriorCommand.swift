import ArgumentParser
import Foundation
import INR
import Imaging
import Priors
import Problems
import Runs

/// `strainer train-prior`: learns a prior from a dataset split and writes it as a safetensors prior file.
struct TrainPrior: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-prior",
        abstract: "Learn a prior from a dataset split: a STRAINER encoder, a fitted network or a meta-learned init.",
        discussion: """
            Kinds: strainer — a shared encoder (the first --shared-layers layers) trained with one decoder per \
            image, loss Σ_k MSE_k, Adam (Vyas et al. 2024: 10 images, lr 1e-4, 5000 steps); strainer-1 — the same \
            on the first image only; fitted — a whole network fitted to the first image (the paper's "SIREN \
            fine-tuned"); meta — a meta-learned initialisation (first-order MAML or Reptile) over the images. \
            Images are centre-cropped and resized to --size; all must then share one size. The prior file records \
            the architecture, the dataset, the SHA-256 of each training image, the steps, the final training PSNRs, \
            the seed and the suite version.
            """)

    @Option(help: "Dataset to learn from (see `strainer datasets`).")
    var dataset: String

    @Option(help: "Split of the dataset.")
    var split = "train"

    @Option(help: "Kind of prior: strainer, strainer-1, fitted or meta.")
    var kind = "strainer"

    @Option(help: "Centre-crop and resize every image to SIZE×SIZE.")
    var size = 178

    @Option(help: "Use only the first K images of the split (default: all).")
    var images: Int?

    @Option(help: "Training steps (meta: outer steps). Default: 5000, meta 500.")
    var iterations: Int?

    @Option(help: "Seed of every random draw (initialisation, meta-learning's task order).")
    var seed: UInt64 = 0

    @Option(help: "Adam learning rate (strainer, strainer-1, fitted).")
    var lr: Float = 1e-4

    @Option(help: "Layers in the shared encoder (default: all but the last).")
    var sharedLayers: Int?

    @OptionGroup(title: "Network")
    var network: NetworkOptions

    @Option(help: "Meta-learning algorithm: fomaml (first-order MAML) or reptile.")
    var metaAlgorithm = "fomaml"

    @Option(help: "Meta-learning: inner gradient steps per task.")
    var innerSteps = 2

    @Option(help: "Meta-learning: inner learning rate (plain gradient descent).")
    var innerLr: Float = 1e-2

    @Option(help: "Meta-learning: outer Adam learning rate.")
    var outerLr: Float = 1e-5

    @Option(help: "Meta-learning: tasks (images) per outer step.")
    var tasksPerStep = 3

    @Option(help: "Measure the training PSNRs every K steps.")
    var logEvery = 100

    @Option(help: "Bring every image to gray (BT.601 luma) or rgb (gray repeated) before training (default: as they are).")
    var channels: ChannelChoice?

    @Option(help: "The prior file to write (.safetensors).")
    var out: String

    @Flag(help: "Keep --out instead of training when it already holds exactly this prior (same kind, images, size, network, steps, seed, settings).")
    var reuse = false

    @Flag(help: "Continue an interrupted training from <out>.checkpoint; the result equals an uninterrupted run's.")
    var resume = false

    @Option(help: ArgumentHelp("Save the training state to <out>.checkpoint at most this often (0: after every step).", valueName: "seconds"))
    var checkpointSeconds: Double = 60

    func validate() throws {
        guard PriorKind(rawValue: kind) != nil else {
            throw ValidationError("--kind is '\(kind)'; expected \(PriorKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard MetaLearner.Algorithm(rawValue: metaAlgorithm) != nil else {
            throw ValidationError("--meta-algorithm is '\(metaAlgorithm)'; expected fomaml or reptile")
        }
        guard checkpointSeconds >= 0, checkpointSeconds.isFinite else {
            throw ValidationError("--checkpoint-seconds is \(checkpointSeconds); expected a number of seconds ≥ 0")
        }
    }

    func run() throws {
        try SizeLimit.imageSide.check(size, subject: "--size")
        try network.checkLimits()
        // Both checked by validate().
        let priorKind = PriorKind(rawValue: kind)!
        let algorithm = MetaLearner.Algorithm(rawValue: metaAlgorithm)!
        let trainingSet = try loadTrainingSet()
        var architecture = try network.architecture(outputs: trainingSet.channels)
        if let sharedLayers {
            architecture = try Architecture(family: architecture.family, dimensions: architecture.dimensions,
                                            encoderDepth: sharedLayers)
        }
        let steps = iterations ?? (priorKind == .meta ? 500 : 5000)
        let options = PriorTraining.Options(
            architecture: architecture, iterations: steps, seed: seed, learningRate: lr,
            meta: .init(algorithm: algorithm, innerSteps: innerSteps, innerLearningRate: innerLr,
                        outerLearningRate: outerLr, tasksPerStep: tasksPerStep),
            measureEvery: logEvery)
        let url = URL(fileURLWithPath: out)
        let request = PriorSupply.Request(kind: priorKind, trainingSet: trainingSet, dataset: dataset, split: split, options: options)
        let (prior, reused) = try PriorSupply.obtain(request, at: url, reuse: reuse, resume: resume, checkpointSeconds: checkpointSeconds)
        let used = prior.provenance?.imageNames.count ?? trainingSet.count  // strainer-1 and fitted use the first image
        let images = used == trainingSet.count ? "\(used) image(s)" : "\(used) image(s) (the first of \(trainingSet.count))"
        if reused {
            print("reusing \(url.path): it is this \(kind) prior (\(steps) steps on the same \(images))")
            return
        }
        let psnrs = prior.provenance?.trainingPSNRs ?? []
        print("trained a \(kind) prior on \(images) of \(dataset)/\(split) at \(size)×\(size): "
              + "\(steps) steps in \(ProgressLine.duration(prior.provenance?.trainingSeconds ?? 0))")
        if !psnrs.isEmpty {
            print(String(format: "final training PSNR: mean %.2f dB, worst %.2f dB", psnrs.reduce(0, +) / Double(psnrs.count), psnrs.min()!))
        }
        print("prior written to \(url.path)")
    }

    private func loadTrainingSet() throws -> TrainingSet {
        let loaded = try ImagePreparation.loadSplit(dataset: dataset, split: split, limit: images, size: size, channels: channels?.count)
        return try TrainingSet(images: loaded.map { ($0.name, $0.image) }, digests: loaded.map(\.sha256))
    }
}
