import Baselines
import Foundation
import Imaging
import Operators
import Priors
import Problems
import Reporting
import Solver

/// A run of a problem as asked for: which problem, and what to change about it (the options `strainer solve` and
/// `strainer compare` share, parsed). ``prepare(withBaselines:priorLimit:)`` resolves it into a ``PreparedRun``; a
/// run's journal keeps it (``RunConfiguration``), so that any of its tasks can be run again from there.
public struct ProblemRunRequest: Codable, Equatable {
    /// The problem's id (see `strainer problems`).
    public var problemID: String
    /// Priors to use instead of all the problem's: one of them by name, `random`, or a prior file.
    public var priors: [String] = []
    /// An image file to solve for instead of the problem's images.
    public var image: String?
    /// The changes to the problem's settings (`--size`, `--images`, `--iterations`, …).
    public var overrides = ProblemOverrides()
    /// How a STRAINER prior's encoder seeds each fit (`nil`: the problem file's `transfer_layers`/`freeze_layers`).
    public var transfer: EncoderTransfer?
    /// More folders of problem files.
    public var folders: [String] = []
    /// The results folder: the run folder, the journal and trained priors (in `priors/`) go under it.
    public var out = "Results"
    /// Whether the report shows each reconstruction's error map.
    public var errorMaps = false
    /// Whether a learned prior's interrupted training is continued from its checkpoint.
    public var resumesPriorTraining = false

    public init(problemID: String) {
        self.problemID = problemID
    }

    /// The problem with this request's changes applied and checked, set up once (``ProblemSetup``: its operator,
    /// noise, baselines, architecture, solver options, images and measurements, each made by `builders`), and the
    /// priors (learned ones reused from `<out>/priors/`, or trained or left to their tasks as `untrained` says; only
    /// the first `priorLimit` of them when given, so that a command using one prior trains no other).
    public func prepare(withBaselines: Bool = true, priorLimit: Int? = nil, untrained: UntrainedPriors = .trainHere,
                        builders: ProblemBuilders = .standard) throws -> PreparedRun {
        let catalog = try DatasetCatalog.locate()
        let built = try ProblemRegistry.problem(problemID, extraFolders: folders.map { URL(fileURLWithPath: $0) },
                                                overrides: overrides, builders: builders)
        let setup = try ProblemSetup(built, catalog: catalog, imageOverride: image.map { URL(fileURLWithPath: $0) })
        let problem = setup.problem
        let spec = problem.spec
        let priors = try self.priors.isEmpty
            ? spec.priors.prefix(priorLimit ?? spec.priors.count).map { try prior($0, of: setup, catalog: catalog, untrained: untrained) }
            : Array(try chosenPriors(of: setup, catalog: catalog, untrained: untrained).prefix(priorLimit ?? Int.max))
        let baselines = withBaselines ? built.baselines.map { baseline($0.parameters, $0.reconstructor, of: problem) } : []
        let compared = try setup.instances.map { instance in
            func measured(through forward: any LinearOperator) throws -> InverseProblem {
                try InverseProblem(forward: forward, measurement: instance.measurement, noise: setup.noise, groundTruth: instance.truth.image)
            }
            return ComparedImage(name: instance.truth.name, problem: try measured(through: setup.forward),
                                 separateProblem: { try measured(through: built.separateOperator()) })
        }
        return PreparedRun(origin: .problem(setup), architecture: setup.architecture, options: setup.options, priors: priors,
                           baselines: baselines, images: compared, errorMaps: errorMaps)
    }

    /// The ``priors`` in their order: `random`, a prior file, or the label of one of the problem's own priors (its
    /// recipe, trained or reused like the problem's) (``ComparedPrior/arguments(_:transfer:seed:refusal:named:)``). An
    /// existing file wins over a label of the same name.
    private func chosenPriors(of setup: ProblemSetup, catalog: DatasetCatalog, untrained: UntrainedPriors) throws -> [ComparedPrior] {
        let spec = setup.problem.spec
        return try ComparedPrior.arguments(
            priors, transfer: transfer ?? .wholeEncoder, seed: spec.seed,
            refusal: { "--prior \($0): no such file, and \(spec.id) has no prior of that name; expected 'random', a prior file, or one of "
                + spec.priors.map(\.label).joined(separator: ", ") },
            named: { text in try spec.priors.first { $0.label == text }.map { try prior($0, of: setup, catalog: catalog, untrained: untrained) } })
    }

    /// A prior the problem file names: random, a prior file, or one learned on a dataset (trained once — here, or
    /// by its own task, as `untrained` says — then reused from `<out>/priors/` while the recipe, images and code
    /// version match).
    private func prior(_ recipe: PriorRecipe, of setup: ProblemSetup, catalog: DatasetCatalog, untrained: UntrainedPriors) throws -> ComparedPrior {
        let problem = setup.problem
        switch recipe.source {
        case let .random(seed):
            return .random(label: recipe.label, seed: seed)
        case let .file(path):
            let index = problem.spec.priors.firstIndex(of: recipe) ?? 0
            let file = try problem.priorFile(path, key: "priors[\(index)].file", trustedFolders: [URL(fileURLWithPath: out)])
            let read = try PriorFile.read(file)
            if case .network = read.content, recipe.transferLayers != nil || recipe.freezeLayers != nil {
                throw ProblemError(problem.file, key: "priors",
                                   "\(recipe.label): transfer_layers and freeze_layers apply to STRAINER priors; \(path) is a whole \(read.kind.rawValue) network")
            }
            return .describe(read, at: file, label: recipe.label, transfer: encoderTransfer(for: recipe), seed: problem.spec.seed)
        case let .trained(trained):
            let training = try PriorTrainingTask(label: recipe.label, recipe: trained, images: try problem.trainingImages(for: trained, catalog: catalog),
                                                 architecture: try setup.priorArchitecture(for: trained), out: out)
            return try .learned(training, untrained: untrained, resume: resumesPriorTraining, transfer: encoderTransfer(for: recipe),
                                seed: trained.seed)
        }
    }

    /// How `recipe`'s encoder seeds each fit: ``transfer`` when given, else the problem file's `transfer_layers` and
    /// `freeze_layers`.
    private func encoderTransfer(for recipe: PriorRecipe) -> EncoderTransfer {
        transfer ?? recipe.transfer
    }

    /// Baseline `parameters` of the problem, built as `reconstructor`, its row labelled by its name (and its settings
    /// when the name repeats).
    private func baseline(_ parameters: ParameterMap, _ reconstructor: any Reconstructor, of problem: Problem) -> ComparedBaseline {
        let name = parameters["name"]?.description ?? "baseline"
        let repeated = problem.spec.baselines.filter { $0["name"] == parameters["name"] }.count > 1
        return ComparedBaseline(name: repeated ? parameters.flowStyle : name, description: "\(reconstructor)") { inverse, observe in
            try reconstructor.reconstruct(inverse.measurement, through: inverse.forward, iterates: observe)
        }
    }
}
