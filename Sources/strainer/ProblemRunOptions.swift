import ArgumentParser
import Baselines
import Foundation
import INR
import Imaging
import Operators
import Priors
import Problems
import Reporting
import Solver
import Yams

/// The options `strainer solve` and `strainer compare` share: which problem, and what to change about it.
struct ProblemRunOptions: ParsableArguments {
    @Argument(help: "The problem's id (see `strainer problems`).")
    var problemID: String

    @Option(name: .customLong("prior"),
            help: "A prior to use instead of all the problem's: one of them by name (such as 'strainer'), 'random', or a prior file. Repeat to compare several.")
    var priors: [String] = []

    @Option(help: "Solve for this image file instead of the problem's images (prepared to the problem's size and channels).")
    var image: String?

    @Option(help: "Use only the first K of the problem's images.")
    var images: Int?

    @Option(help: "Adam steps per solve (default: the problem's).")
    var iterations: Int?

    @Option(help: "Measure PSNR and SSIM every K steps (default: the problem's).")
    var evaluateEvery: Int?

    @Option(help: ArgumentHelp("When each fit ends (default: the problem's): 'none' after every iteration, 'discrepancy' at the first iterate whose residual reaches the noise level (no ground truth needed).", valueName: "rule"))
    var stop: SolverSettings.Stop?

    @Option(help: "τ of the discrepancy principle: the residual level, in units of the noise variance, that counts as reached (default: the problem's, usually 1).")
    var discrepancyTarget: Double?

    @OptionGroup var schedule: ScheduleOption

    @Option(help: "Solve at SIZE×SIZE instead of the problem's size (learned priors follow).")
    var size: Int?

    @Option(help: "Training steps of the problem's learned priors (default: each recipe's).")
    var priorIterations: Int?

    @OptionGroup(title: "Transfer (STRAINER priors)")
    var transfer: TransferOptions

    @Option(name: .customLong("problems"), help: "Also read the problem files of this folder (repeatable).")
    var folders: [String] = []

    @Option(help: "Folder under which the run folder (and trained priors, in priors/) are created.")
    var out = "Results"

    @Flag(help: "Show each reconstruction's error map |x − x̂| (× 4, gray) beside it in the report.")
    var errorMaps = false

    @OptionGroup var resuming: ResumeOptions

    func validate() throws {
        for (name, value) in [("--images", images), ("--iterations", iterations), ("--evaluate-every", evaluateEvery),
                              ("--prior-iterations", priorIterations)] {
            if let value, value < 1 { throw ValidationError("\(name) is \(value); expected ≥ 1") }
        }
        if let discrepancyTarget, !(discrepancyTarget.isFinite && discrepancyTarget > 0) {
            throw ValidationError("--discrepancy-target is \(discrepancyTarget); expected a finite value > 0")
        }
        if let size, size < 8 { throw ValidationError("--size is \(size); expected ≥ 8") }
        if image != nil && images != nil { throw ValidationError("give either --image or --images, not both") }
    }

    /// The problem with the command line's changes applied and checked, its images and measurements, the priors
    /// (learned ones trained or reused under `<out>/priors/`; only the first `priorLimit` of them when given, so
    /// that a command using one prior trains no other), the baselines and the solver settings.
    func prepare(withBaselines: Bool = true, priorLimit: Int? = nil) throws -> PreparedRun {
        let catalog = try DatasetCatalog.locate()
        let registry = try ProblemRegistry.load(extraFolders: folders.map { URL(fileURLWithPath: $0) })
        let problem = try registry.problem(problemID).overriding(catalog: catalog) { spec in
            if let size {
                try SizeLimit.imageSide.check(size, subject: "--size")
                spec.size = size
            }
            if let limit = self.images, case var .dataset(selection) = spec.groundTruth {
                selection.images = selection.images.limited(to: limit)
                spec.groundTruth = .dataset(selection)
            }
            if let iterations { spec.solver.iterations = iterations }
            if let evaluateEvery { spec.solver.evaluateEvery = evaluateEvery }
            if let stop { spec.solver.stop = stop }
            if let schedule = try self.schedule.setting() { spec.solver.schedule = schedule }
            if let discrepancyTarget { spec.solver.discrepancyTarget = discrepancyTarget }
            if let priorIterations {
                for index in spec.priors.indices {
                    if case var .trained(recipe) = spec.priors[index].source {
                        recipe.iterations = priorIterations
                        spec.priors[index].source = .trained(recipe)
                    }
                }
            }
        }
        let spec = problem.spec
        let setup = try ProblemSetup(problem: problem, catalog: catalog, imageOverride: image.map { URL(fileURLWithPath: $0) })
        let architecture = try spec.network.architecture(outputs: spec.channels)
        let priors = try self.priors.isEmpty
            ? spec.priors.prefix(priorLimit ?? spec.priors.count).map { try prior($0, of: problem, catalog: catalog) }
            : Array(try chosenPriors(of: problem, catalog: catalog).prefix(priorLimit ?? Int.max))
        let baselines = withBaselines ? try spec.baselines.map { try baseline($0, of: problem) } : []
        let compared = try setup.instances.map { instance in
            func measured(through forward: any LinearOperator) throws -> InverseProblem {
                try InverseProblem(forward: forward, measurement: instance.measurement, noise: setup.noise, groundTruth: instance.truth.image)
            }
            return ComparedImage(name: instance.truth.name, problem: try measured(through: setup.forward),
                                 separateProblem: { try measured(through: problem.makeOperator()) })
        }
        let options = SolverOptions(
            iterations: spec.solver.iterations, adam: .init(learningRate: Float(spec.solver.learningRate)),
            schedule: spec.solver.schedule.schedule(iterations: spec.solver.iterations),
            evaluateEvery: spec.solver.evaluateEvery, totalVariationWeight: spec.solver.tvWeight,
            discrepancyTarget: spec.solver.discrepancyTarget, stopsAtDiscrepancy: spec.solver.stop == .discrepancy)
        return PreparedRun(problem: problem, setup: setup, architecture: architecture, options: options, priors: priors,
                           baselines: baselines, images: compared, errorMaps: errorMaps)
    }

    /// The `--prior` arguments in their order: the label of one of the problem's own priors (its recipe, trained or
    /// reused like the problem's), or `random` or a prior file (``ComparedPrior/arguments(_:transfer:seed:)``). An
    /// existing file wins over a label of the same name.
    private func chosenPriors(of problem: Problem, catalog: DatasetCatalog) throws -> [ComparedPrior] {
        let recipes = self.priors.map { text in
            FileManager.default.fileExists(atPath: text) ? nil : problem.spec.priors.first { $0.label == text }
        }
        for (text, recipe) in zip(self.priors, recipes) where recipe == nil && text != "random" && !FileManager.default.fileExists(atPath: text) {
            throw ValidationError("--prior \(text): no such file, and \(problem.spec.id) has no prior of that name; expected 'random', "
                                  + "a prior file, or one of \(problem.spec.priors.map(\.label).joined(separator: ", "))")
        }
        var files = try ComparedPrior.arguments(zip(self.priors, recipes).filter { $0.1 == nil }.map(\.0), transfer: transfer.transfer,
                                                seed: problem.spec.seed).makeIterator()
        let chosen = try recipes.map { recipe in try recipe.map { try prior($0, of: problem, catalog: catalog) } ?? files.next()! }
        var seen: Set<String> = []
        for prior in chosen where !seen.insert(prior.name).inserted {
            throw ValidationError("--prior: two priors are named '\(prior.name)'; expected each prior once")
        }
        return chosen
    }

    /// A prior the problem file names: random, a prior file, or one learned on a dataset (trained once, then
    /// reused from `<out>/priors/` while the recipe, images and code version match).
    private func prior(_ recipe: PriorRecipe, of problem: Problem, catalog: DatasetCatalog) throws -> ComparedPrior {
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
            guard let kind = PriorKind(rawValue: trained.kind.rawValue) else {
                throw ValidationError("\(problem.file.path): priors: unknown kind \(trained.kind.rawValue)")
            }
            let images = try problem.trainingImages(for: trained, catalog: catalog)
            let trainingSet = try TrainingSet(images: images.map { ($0.name, $0.image) }, digests: images.map { $0.sha256 ?? "" })
            let architecture = try problem.spec.network.architecture(outputs: problem.spec.channels, encoderDepth: trained.sharedLayers)
            let options = PriorTraining.Options(architecture: architecture, iterations: trained.iterations, seed: trained.seed,
                                                meta: trained.meta, measureEvery: max(1, trained.iterations / 20))
            let channels = problem.spec.channels == 1 ? "gray" : "rgb"
            let fileName = "\(trained.kind.rawValue)-\(trained.data.dataset)-\(trained.data.split)-\(images.count)img-"
                + "\(trained.size)px-\(channels)-\(trained.iterations)steps-seed\(trained.seed)"
                + (trained.metaSettingsIfChanged == nil ? "" : "-\(trained.meta.algorithm.rawValue)-inner\(trained.meta.innerSteps)x\(trained.meta.innerLearningRate)"
                    + "-outer\(trained.meta.outerLearningRate)-tasks\(trained.meta.tasksPerStep)")
                + ".safetensors"
            let url = URL(fileURLWithPath: out).appendingPathComponent("priors").appendingPathComponent(fileName)
            let request = PriorSupply.Request(kind: kind, trainingSet: trainingSet, dataset: trained.data.dataset,
                                              split: trained.data.split, options: options)
            let (file, reused) = try PriorSupply.obtain(request, at: url, reuse: true, resume: resuming.resumes)
            FileHandle.standardError.write(Data(((reused ? "reusing " : "trained ") + "\(recipe.label) prior \(url.path)\n").utf8))
            return .describe(file, at: url, label: recipe.label, transfer: encoderTransfer(for: recipe), seed: trained.seed)
        }
    }

    /// How `recipe`'s encoder seeds each fit: the command line's transfer options when any is given, else the
    /// problem file's `transfer_layers` and `freeze_layers`.
    private func encoderTransfer(for recipe: PriorRecipe) -> EncoderTransfer {
        if transfer.isGiven { return transfer.transfer }
        return EncoderTransfer(layers: recipe.transferLayers, freezing: recipe.freezeLayers.map { .firstLayers($0) } ?? .none)
    }

    /// A baseline the problem file names, its row labelled by its name (and its settings when the name repeats).
    private func baseline(_ parameters: ParameterMap, of problem: Problem) throws -> ComparedBaseline {
        let reconstructor: any Reconstructor
        do {
            reconstructor = try baselineRegistry.make(parameters, context: problem.buildContext)
        } catch {
            throw ProblemError(problem.file, key: "baselines", "\(error)")
        }
        let name = parameters["name"]?.description ?? "baseline"
        let repeated = problem.spec.baselines.filter { $0["name"] == parameters["name"] }.count > 1
        return ComparedBaseline(name: repeated ? parameters.flowStyle : name, description: "\(reconstructor)") { inverse, observe in
            try reconstructor.reconstruct(inverse.measurement, through: inverse.forward, iterates: observe)
        }
    }
}

/// Everything a run of a problem needs, resolved.
struct PreparedRun {
    var problem: Problem
    var setup: ProblemSetup
    var architecture: Architecture
    var options: SolverOptions
    var priors: [ComparedPrior]
    var baselines: [ComparedBaseline]
    var images: [ComparedImage]
    /// Whether the report shows each reconstruction's error map.
    var errorMaps = false

    /// Iterations shown as table columns.
    static let tableIterations = [0, 50, 100, 200, 500, 1000, 2000, 5000]

    /// Runs every prior and baseline, writes `Results/<date>-<problem>-<hash>/` and prints the table and the
    /// report's path. `command` and `arguments` record how the run was asked for; `resuming` says whether the work
    /// an interrupted run of the same configuration kept in its journal is taken up, and how often a running fit
    /// keeps its state there. Returns what the run produced.
    @discardableResult
    func runAndReport(command: String, arguments: [String], under folder: URL, resuming: ResumeOptions, jobs: Int = 1) throws -> ComparisonRun.Outcome {
        let settings = try resolvedSettings()
        let journal = try resuming.journal(problem: problem.spec.id, configuration: try Yams.dump(object: settings, sortKeys: true),
                                           under: folder)
        let run = ComparisonRun(problem: problem.spec.id, architecture: architecture, options: options, errorMaps: errorMaps,
                                journal: journal, reusesJournal: resuming.resumes, checkpointSeconds: resuming.checkpointSeconds, jobs: jobs)
        let outcome = try run.run(images: images, priors: priors, baselines: baselines)
        let reference = priors.first { $0.name == "random" }?.name ?? priors.first?.name ?? baselines.first?.name ?? ""
        var configuration = settings
        configuration["command"] = ([command] + arguments).joined(separator: " ")
        let report = RunReport(
            problem: problem.spec.id, title: problem.spec.title, configuration: try Yams.dump(object: configuration, sortKeys: true),
            curves: outcome.curves, tableIterations: Self.tableIterations.filter { $0 <= options.iterations }, reference: reference,
            gallery: outcome.gallery, facts: facts(jobs: jobs))
        let written = try ReportWriter.write(report, under: folder, suiteVersion: StrainerVersion.current)
        journal.discard()
        print(MarkdownReport.console(report))
        print("\nreport: \(written.appendingPathComponent("report.html").path)")
        return outcome
    }

    private func facts(jobs: Int) -> [(name: String, value: String)] {
        let spec = problem.spec
        var facts: [(name: String, value: String)] = [
            ("images", "\(images.map(\.name).joined(separator: ", ")) at \(spec.size)×\(spec.size)×\(spec.channels)"),
            ("operator", "\(setup.forward) → \(setup.forward.outputShape)"),
            ("noise", setup.noise.map { "\($0), seed \(spec.seed)" } ?? "none"),
            ("solver", "\(options.iterations) Adam steps, lr \(options.adam.learningRate)"
                + (spec.solver.schedule.recorded.map { " (\($0) schedule)" } ?? "")
                + ", evaluated every \(options.evaluateEvery)"
                + (options.totalVariationWeight > 0 ? ", TV weight \(options.totalVariationWeight)" : "")
                + (setup.noise == nil ? "" : (options.stopsAtDiscrepancy ? ", stopped" : ", discrepancy stop reported")
                    + " at the first iterate whose discrepancy is ≤ \(options.discrepancyTarget)")),
        ]
        facts += priors.map { ($0.name, $0.description) }
        facts += baselines.map { ("\($0.name) (baseline)", $0.description) }
        return facts + [RunPlatform.fact(jobs: jobs)]
    }

    /// The resolved configuration — enough to repeat the run — saved, with the command line, as its config.yaml.
    private func resolvedSettings() throws -> [String: Any] {
        let spec = problem.spec
        func yaml(_ map: ParameterMap?) -> Any {
            guard let map else { return "none" }
            return map.mapValues { value -> Any in
                switch value {
                case let .number(number): return number
                case let .string(text): return text
                default: return value.description
                }
            }
        }
        var solver: [String: Any] = [
            "iterations": options.iterations, "learning_rate": options.adam.learningRate.recordedValue,
            "evaluate_every": options.evaluateEvery, "tv_weight": options.totalVariationWeight,
            "stop": options.stopsAtDiscrepancy ? "discrepancy" : "none", "discrepancy_target": options.discrepancyTarget]
        solver["schedule"] = spec.solver.schedule.recorded
        return [
            "problem": spec.id, "problem_file": problem.file.path, "title": spec.title,
            "images": setup.instances.map { ["name": $0.truth.name, "sha256": $0.truth.sha256 ?? "synthetic", "noise_seed": $0.noiseSeed] },
            "size": spec.size, "channels": spec.channels, "preparation": spec.preparation.rawValue,
            "operator": yaml(spec.operatorSpec), "noise": yaml(spec.noiseSpec), "seed": spec.seed,
            "network": architecture.metadata,
            "solver": solver,
            "priors": priors.map { ["name": $0.name, "seed": $0.seed, "what": $0.description, "sha256": $0.fileDigest ?? "none"] },
            "baselines": baselines.map { ["name": $0.name, "what": $0.description] },
            "suite_version": StrainerVersion.current, "platform": RunPlatform.recorded,
        ]
    }
}

extension SolverSettings.Stop: ExpressibleByArgument {}
