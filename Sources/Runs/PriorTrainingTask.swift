import Foundation
import INR
import Priors
import Problems

/// A learned prior a problem's run trains itself (a recipe of its problem file): the file it is kept in
/// (`<out>/priors/…`, reused by later runs) and what to train. The run's plan gives it a task of its own
/// (``RunPlan/Task/train(prior:file:)``), which the fits from it follow.
public struct PriorTrainingTask {
    /// The prior's label in the run (its rows and curves).
    public var label: String
    public var file: URL
    public var request: PriorSupply.Request

    public init(label: String, file: URL, request: PriorSupply.Request) {
        self.label = label
        self.file = file
        self.request = request
    }

    /// The training `recipe` asks for, labelled `label`: a network of `architecture` learned on `images` (the
    /// recipe's selection, prepared), kept in `<out>/priors/` under a name that spells the recipe out
    /// (`strainer-celeba-hq-178-train-10img-178px-rgb-5000steps-seed0.safetensors`, and the network when it is not
    /// the paper's: ``networkTag(_:)``), so that every run of the same recipe finds it and no other overwrites it.
    public init(label: String, recipe: TrainedPriorRecipe, images: [PreparedImage], architecture: Architecture, out: String) throws {
        let trainingSet = try TrainingSet(images: images.map { ($0.name, $0.image) }, digests: images.map { $0.sha256 ?? "" })
        let options = PriorTraining.Options(architecture: architecture, iterations: recipe.iterations, seed: recipe.seed,
                                            meta: recipe.meta, measureEvery: max(1, recipe.iterations / 20))
        let channels = images.first?.image.channels == 1 ? "gray" : "rgb"
        let meta = recipe.metaSettingsIfChanged == nil ? ""
            : "-\(recipe.meta.algorithm.rawValue)-inner\(recipe.meta.innerSteps)x\(recipe.meta.innerLearningRate)"
                + "-outer\(recipe.meta.outerLearningRate)-tasks\(recipe.meta.tasksPerStep)"
        let fileName = "\(recipe.kind.rawValue)-\(recipe.data.dataset)-\(recipe.data.split)-\(images.count)img-"
            + "\(recipe.size)px-\(channels)-\(recipe.iterations)steps-seed\(recipe.seed)\(meta)\(Self.networkTag(architecture)).safetensors"
        self.init(label: label, file: URL(fileURLWithPath: out).appendingPathComponent("priors").appendingPathComponent(fileName),
                  request: PriorSupply.Request(kind: recipe.kind, trainingSet: trainingSet, dataset: recipe.data.dataset,
                                               split: recipe.data.split, options: options))
    }

    /// The network in a prior file's name: empty for the paper's 6 × 256 SIREN (ω0 = 30, every layer but the last
    /// shared), else `-<family><hidden widths>-<its parameters>-encoder<shared layers>`
    /// (`-siren64x64-omega30.0-encoder2`).
    static func networkTag(_ architecture: Architecture) -> String {
        guard let outputs = architecture.dimensions.last, architecture != (try? Architecture.siren(outputs: outputs)) else { return "" }
        let parameters = switch architecture.family {
        case let .siren(first, hidden): first == hidden ? "omega\(first)" : "omega\(first)-\(hidden)"
        case let .fourierFeatures(features, sigma): "features\(features)-sigma\(sigma)"
        case let .gaussian(scale): "scale\(scale)"
        case .relu: "plain"
        }
        let hidden = architecture.dimensions.dropFirst().dropLast().map(String.init).joined(separator: "x")
        return "-\(architecture.family.name)\(hidden)-\(parameters)-encoder\(architecture.encoderDepth)"
    }

    /// The prior its file already holds, when it is this one (same kind, images, size, network, steps, seed,
    /// settings); `nil` while it is still to be trained.
    public var trained: PriorFile? {
        PriorSupply.existing(request, at: file)
    }

    /// Trains the prior into its file, continuing from its checkpoint when an earlier attempt kept one (the state
    /// is kept at most `checkpointSeconds` old, and when a signal stops the training); reuses the file when it
    /// already holds the prior. `reused` tells which happened.
    public func train(checkpointSeconds: Double) throws -> (file: PriorFile, reused: Bool) {
        try PriorSupply.obtain(request, at: file, reuse: true, resume: true, checkpointSeconds: checkpointSeconds)
    }
}
