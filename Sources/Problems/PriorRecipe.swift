import Foundation
import INR
import Operators
import Priors

/// One prior a problem compares (an entry of `priors:`): how the network that a fit starts from is made.
///
/// - `{kind: random, seed: 0}`: the family's standard random initialisation;
/// - `{kind: strainer | strainer-1 | fitted | meta, dataset, split, images, size, iterations, seed, shared_layers}`:
///   a prior learned on a dataset split (trained by the CLI, or reused when an identical one exists); `meta` also
///   takes `algorithm`, `inner_steps`, `inner_lr`, `outer_lr` and `tasks_per_step`;
/// - `{file: path/to/prior.safetensors}`: a prior file, the path relative to the problem file's folder.
///
/// Every form takes an optional `label`, the prior's name in tables and reports; STRAINER kinds and files also
/// take `transfer_layers` and `freeze_layers` (how the encoder seeds each fit).
public struct PriorRecipe: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        /// A randomly initialised network drawn from `seed`.
        case random(seed: UInt64)
        /// A prior learned on dataset images.
        case trained(TrainedPriorRecipe)
        /// A prior file (`strainer train-prior` output), as written in the problem file.
        case file(path: String)
    }

    /// The prior's name in tables and reports: `label:` when given, else the kind, or the file's name without extension.
    public var label: String
    public var source: Source
    /// Encoder layers a STRAINER prior copies into each fit (`transfer_layers`); nil copies the whole encoder.
    public var transferLayers: Int?
    /// Leading layers kept fixed during each fit (`freeze_layers`); nil freezes none.
    public var freezeLayers: Int?

    public init(label: String, source: Source, transferLayers: Int? = nil, freezeLayers: Int? = nil) {
        self.label = label
        self.source = source
        self.transferLayers = transferLayers
        self.freezeLayers = freezeLayers
    }

    /// How the prior's encoder seeds each fit, as `transfer_layers` and `freeze_layers` say (absent: the whole
    /// encoder, nothing frozen).
    public var transfer: EncoderTransfer {
        EncoderTransfer(layers: transferLayers, frozenLayers: freezeLayers)
    }

    /// The kinds `kind:` accepts.
    public static let kinds = ["random"] + PriorKind.allCases.map(\.rawValue)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, file, label, dataset, split, images, size, iterations, seed
        case sharedLayers = "shared_layers"
        case transferLayers = "transfer_layers"
        case freezeLayers = "freeze_layers"
        case algorithm
        case innerSteps = "inner_steps"
        case innerLearningRate = "inner_lr"
        case outerLearningRate = "outer_lr"
        case tasksPerStep = "tasks_per_step"
    }

    /// Decodes one entry of `priors:`; a learned prior's `size` defaults to `problemSize` (it must be given when the
    /// problem has no size of its own), and `shared_layers` must leave at least one of the network's `networkLayers`
    /// layers to the per-image decoder.
    init(from decoder: any Decoder, problemSize: Int?, networkLayers: Int) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let values = try decoder.container(keyedBy: CodingKeys.self)
        func rejectAll(_ keys: [CodingKeys], because reason: String) throws {
            if let key = keys.first(where: values.contains) { throw values.invalid(key, "does not apply \(reason)") }
        }
        let training: [CodingKeys] = [.dataset, .split, .images, .size, .iterations, .sharedLayers]
        let transfer: [CodingKeys] = [.transferLayers, .freezeLayers]
        let metaLearning: [CodingKeys] = [.algorithm, .innerSteps, .innerLearningRate, .outerLearningRate, .tasksPerStep]
        let transferLayers = try values.decodeIfPresent(Int.self, forKey: .transferLayers)
        let freezeLayers = try values.decodeIfPresent(Int.self, forKey: .freezeLayers)
        self.transferLayers = transferLayers
        self.freezeLayers = freezeLayers
        /// transfer_layers within the encoder of `encoderDepth` layers, freeze_layers within those
        /// (``EncoderTransfer/rangeViolation(encoderDepth:)``).
        func checkTransfer(encoderDepth: Int) throws {
            let violation = EncoderTransfer(layers: transferLayers, frozenLayers: freezeLayers).rangeViolation(encoderDepth: encoderDepth)
            guard let violation else { return }
            switch violation.count {
            case .transferred:
                throw values.invalid(.transferLayers, "must be in \(violation.expected) (the encoder's layers), got \(violation.value)")
            case .frozen:
                throw values.invalid(.freezeLayers, "must be in \(violation.expected) (only transferred layers can be frozen), got \(violation.value)")
            }
        }

        if values.contains(.file) {
            if values.contains(.kind) { throw values.invalid(.kind, "give either 'kind' or 'file', not both") }
            try rejectAll(training + metaLearning + [.seed], because: "to a prior file")
            try checkTransfer(encoderDepth: networkLayers - 1)
            let path = try values.decode(String.self, forKey: .file)
            guard !path.isEmpty else { throw values.invalid(.file, "is empty; expected the path of a prior file") }
            source = .file(path: path)
            label = try values.decodeIfPresent(String.self, forKey: .label)
                ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            return
        }
        guard values.contains(.kind) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "missing key 'kind' (one of \(Self.kinds.joined(separator: ", "))) or 'file'"))
        }
        let kindName = try values.decode(String.self, forKey: .kind)
        if kindName == "random" {
            try rejectAll(training + transfer + metaLearning, because: "to kind random (it takes seed)")
            source = .random(seed: try values.seed(.seed))
        } else if let kind = PriorKind(rawValue: kindName) {
            if kind == .fitted || kind == .meta { try rejectAll([.sharedLayers] + transfer, because: "to kind \(kindName) (no shared encoder)") }
            if kind != .meta { try rejectAll(metaLearning, because: "to kind \(kindName) (meta-learning settings)") }
            let defaults = MetaLearner.Options()
            let meta = MetaLearner.Options(
                algorithm: try values.choice(.algorithm, default: defaults.algorithm),
                innerSteps: try values.integer(.innerSteps, default: defaults.innerSteps, atLeast: 1),
                innerLearningRate: Float(try values.number(.innerLearningRate, default: Double(defaults.innerLearningRate), above: 0)),
                outerLearningRate: Float(try values.number(.outerLearningRate, default: Double(defaults.outerLearningRate), above: 0)),
                tasksPerStep: try values.integer(.tasksPerStep, default: defaults.tasksPerStep, atLeast: 1))
            guard values.contains(.dataset) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                    debugDescription: "missing key 'dataset' (a \(kindName) prior is learned on a dataset's images)"))
            }
            let sharedLayers = try values.decodeIfPresent(Int.self, forKey: .sharedLayers)
            if let sharedLayers, !(1..<networkLayers).contains(sharedLayers) {
                throw values.invalid(.sharedLayers, "must be in 1…\(networkLayers - 1) (the network has \(networkLayers) layers and the last is the decoder), got \(sharedLayers)")
            }
            try checkTransfer(encoderDepth: sharedLayers ?? networkLayers - 1)
            source = .trained(TrainedPriorRecipe(
                kind: kind,
                data: DatasetSelection(dataset: try values.decode(String.self, forKey: .dataset),
                                       split: try values.decodeIfPresent(String.self, forKey: .split) ?? "train",
                                       images: try values.decodeIfPresent(ImageSelection.self, forKey: .images) ?? .all),
                size: try values.integer(.size, default: problemSize, atLeast: 8, limit: .imageSide),
                iterations: try values.integer(.iterations, default: TrainedPriorRecipe.defaultIterations, atLeast: 1),
                seed: try values.seed(.seed),
                sharedLayers: sharedLayers, meta: meta))
        } else {
            throw values.invalid(.kind, "is '\(kindName)'; expected one of \(Self.kinds.joined(separator: ", ")), or give 'file'")
        }
        label = try values.decodeIfPresent(String.self, forKey: .label) ?? kindName
    }
}

/// A prior learned on dataset images, as `PriorTraining.train` makes it.
public struct TrainedPriorRecipe: Equatable, Sendable {
    /// Training steps when `iterations:` is absent (the paper's 5000).
    public static let defaultIterations = 5000

    /// The learned kind, spelt as `strainer train-prior --kind` and prior files spell it.
    public var kind: PriorKind
    /// The training images (`split` defaults to `train`, `images` to the whole split).
    public var data: DatasetSelection
    /// Side the training images are prepared to (centre crop, area resize); defaults to the problem's size.
    public var size: Int
    public var iterations: Int
    /// Seed of the network initialisation.
    public var seed: UInt64
    /// Leading layers forming the shared encoder; nil keeps the default (all but the last).
    public var sharedLayers: Int?
    /// Meta-learning settings (kind `meta`; the defaults are Tancik et al.'s).
    public var meta: MetaLearner.Options

    public init(kind: PriorKind, data: DatasetSelection, size: Int, iterations: Int, seed: UInt64, sharedLayers: Int?,
                meta: MetaLearner.Options = .init()) {
        self.kind = kind
        self.data = data
        self.size = size
        self.iterations = iterations
        self.seed = seed
        self.sharedLayers = sharedLayers
        self.meta = meta
    }

    /// The meta-learning settings when they differ from the defaults, as `reptile, 2 inner steps at 0.01, outer 0.0001,
    /// 3 tasks a step`; nil otherwise (and for other kinds).
    public var metaSettingsIfChanged: String? {
        guard kind == .meta, meta != MetaLearner.Options() else { return nil }
        return "\(meta.algorithm.rawValue), \(meta.innerSteps) inner steps at \(meta.innerLearningRate), outer \(meta.outerLearningRate), "
            + "\(meta.tasksPerStep) tasks a step"
    }
}

extension PriorRecipe: CustomStringConvertible {
    /// `random, seed 0`; `strainer on celeba-hq-178/train, 10 images, 178 px, 5000 steps, seed 0`; `file x.safetensors`;
    /// then the transfer settings, when given.
    public var description: String {
        let start: String
        switch source {
        case let .random(seed):
            start = "random, seed \(seed)"
        case let .trained(recipe):
            start = "\(recipe.kind.rawValue) on \(recipe.data), \(recipe.size) px, \(recipe.iterations) steps, seed \(recipe.seed)"
                + (recipe.sharedLayers.map { ", \($0) shared layers" } ?? "")
                + (recipe.metaSettingsIfChanged.map { ", \($0)" } ?? "")
        case let .file(path):
            start = "file \(path)"
        }
        return start + (transferLayers.map { ", first \($0) encoder layers transferred" } ?? "")
            + (freezeLayers.map { ", first \($0) layers frozen" } ?? "")
    }
}

extension PriorRecipe {
    /// Reads a prior written on the command line as a problem file's `priors:` entry
    /// (`'{kind: strainer, dataset: celeba-hq-178, iterations: 5000}'`): a learned prior's `size` defaults to `size`,
    /// and `shared_layers` and `transfer_layers` are checked against a network of `networkLayers` layers. Errors name
    /// `option` and the key, and say what was expected.
    public static func parse(_ text: String, option: String, size: Int, networkLayers: Int) throws -> PriorRecipe {
        do {
            return try SafeYAML.decode(CommandLineEntry.self, from: text,
                                       userInfo: [CommandLineEntry.key: CommandLineEntry.Context(size: size, networkLayers: networkLayers)]).recipe
        } catch let error as DecodingError {
            throw ProblemError(file: option, key: error.keyPath, problem: error.problem)
        } catch let error as YAMLRefusal {
            throw ProblemError(file: option, key: nil, problem: "is '\(Excerpt.of(text))' (\(error)); expected a mapping such as "
                               + "{kind: strainer, dataset: celeba-hq-178, iterations: 5000}")
        }
    }

    /// One `priors:` entry decoded with the size and depth the command gives (``parse(_:option:size:networkLayers:)``).
    private struct CommandLineEntry: Decodable {
        /// The command's image side and network depth, given to the decoder under ``key``.
        struct Context {
            let size: Int
            let networkLayers: Int
        }

        static let key = CodingUserInfoKey(rawValue: "strainer.priorRecipeContext")!
        let recipe: PriorRecipe

        init(from decoder: any Decoder) throws {
            guard let context = decoder.userInfo[Self.key] as? Context else { preconditionFailure("PriorRecipe.parse gives the context") }
            guard (try? decoder.container(keyedBy: PriorRecipe.CodingKeys.self)) != nil else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                    "must be a YAML mapping such as {kind: strainer, dataset: celeba-hq-178, iterations: 5000}"))
            }
            recipe = try PriorRecipe(from: decoder, problemSize: context.size, networkLayers: context.networkLayers)
        }
    }
}
