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

    /// The ``priors`` in their order: the label of one of the problem's own priors (its recipe, trained or
    /// reused like the problem's), or `random` or a prior file (``ComparedPrior/arguments(_:transfer:seed:)``). An
    /// existing file wins over a label of the same name.
    private func chosenPriors(of setup: ProblemSetup, catalog: DatasetCatalog, untrained: UntrainedPriors) throws -> [ComparedPrior] {
        let problem = setup.problem
        let recipes = self.priors.map { text in
            FileManager.default.fileExists(atPath: text) ? nil : problem.spec.priors.first { $0.label == text }
        }
        for (text, recipe) in zip(self.priors, recipes) where recipe == nil && text != "random" && !FileManager.default.fileExists(atPath: text) {
            throw RunError("--prior \(text): no such file, and \(problem.spec.id) has no prior of that name; expected 'random', "
                                  + "a prior file, or one of \(problem.spec.priors.map(\.label).joined(separator: ", "))")
        }
        var files = try ComparedPrior.arguments(zip(self.priors, recipes).filter { $0.1 == nil }.map(\.0), transfer: transfer ?? .wholeEncoder,
                                                seed: problem.spec.seed).makeIterator()
        let chosen = try recipes.map { recipe in
            try recipe.map { try prior($0, of: setup, catalog: catalog, untrained: untrained) } ?? files.next()!
        }
        var seen: Set<String> = []
        for prior in chosen where !seen.insert(prior.name).inserted {
            throw RunError("--prior: two priors are named '\(prior.name)'; expected each prior once")
        }
        return chosen
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
            let images = try problem.trainingImages(for: trained, catalog: catalog)
            let trainingSet = try TrainingSet(images: images.map { ($0.name, $0.image) }, digests: images.map { $0.sha256 ?? "" })
            let architecture = try setup.priorArchitecture(for: trained)
            let options = PriorTraining.Options(architecture: architecture, iterations: trained.iterations, seed: trained.seed,
                                                meta: trained.meta, measureEvery: max(1, trained.iterations / 20))
            let channels = problem.spec.channels == 1 ? "gray" : "rgb"
            let fileName = "\(trained.kind.rawValue)-\(trained.data.dataset)-\(trained.data.split)-\(images.count)img-"
                + "\(trained.size)px-\(channels)-\(trained.iterations)steps-seed\(trained.seed)"
                + (trained.metaSettingsIfChanged == nil ? "" : "-\(trained.meta.algorithm.rawValue)-inner\(trained.meta.innerSteps)x\(trained.meta.innerLearningRate)"
                    + "-outer\(trained.meta.outerLearningRate)-tasks\(trained.meta.tasksPerStep)")
                + ".safetensors"
            let url = URL(fileURLWithPath: out).appendingPathComponent("priors").appendingPathComponent(fileName)
            let request = PriorSupply.Request(kind: trained.kind, trainingSet: trainingSet, dataset: trained.data.dataset,
                                              split: trained.data.split, options: options)
            let training = PriorTrainingTask(label: recipe.label, file: url, request: request)
            let file: PriorFile?
            switch untrained {
            case .trainHere:
                let (trainedFile, reused) = try PriorSupply.obtain(request, at: url, reuse: true, resume: resumesPriorTraining)
                FileHandle.standardError.write(Data(((reused ? "reusing " : "trained ") + "\(recipe.label) prior \(url.path)\n").utf8))
                file = trainedFile
            case .leftToTheirTasks:
                file = training.trained
            }
            return .learned(training, trained: file, transfer: encoderTransfer(for: recipe), seed: trained.seed)
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
