import Foundation
import INR
import Operators
import Problems
import Reporting
import Solver

/// Everything a comparison run needs, resolved: a problem's (`compare`, `solve`) or a dataset split's fitted from
/// each prior (`compare-priors`).
public struct PreparedRun {
    /// Where the run's images and settings come from.
    public enum Origin {
        /// A problem file with the command line's changes, set up: its objects, images and measurements.
        case problem(ProblemSetup)
        /// A dataset split fitted from each prior; its resolved settings as config.yaml records them (they are the
        /// run's identity too).
        case priorComparison(PriorComparisonRequest, settings: PriorComparisonSettings)
    }

    public var origin: Origin
    public var architecture: Architecture
    public var options: SolverOptions
    public var priors: [ComparedPrior]
    public var baselines: [ComparedBaseline]
    public var images: [ComparedImage]
    /// Whether the report shows each reconstruction's error map.
    public var errorMaps = false

    /// What a finished run produced: its fits' outcome, its report, and the run folder the report was written to.
    public struct Written {
        public var outcome: ComparisonRun.Outcome
        public var report: RunReport
        public var folder: URL
    }

    /// Iterations shown as table columns.
    public static let tableIterations = [0, 50, 100, 200, 500, 1000, 2000, 5000]

    /// Runs every prior and baseline, `jobs` fits at a time, and writes `<out>/<date>-<problem>-<hash>/`.
    /// `configuration` says how the run was asked for (this run is its ``RunConfiguration/prepare()``); `resumption`
    /// says whether the work an interrupted run of the same configuration kept in its journal is taken up, and how
    /// often a running fit keeps its state there. Returns what the run produced and where its report is.
    public func run(_ configuration: RunConfiguration, resumption: Resumption, jobs: Int = 1) throws -> Written {
        let journal = try self.journal(of: configuration, resumption: resumption)
        let outcome = try comparison(journal: journal, resumption: resumption, jobs: jobs)
            .run(images: images, priors: priors, baselines: baselines)
        let report = RunReport(
            problem: name, title: title, configuration: try recordedConfiguration(command: configuration),
            curves: outcome.curves, tableIterations: Self.tableIterations.filter { $0 <= options.fit.iterations }, reference: reference,
            gallery: outcome.gallery, facts: facts(jobs: jobs))
        let written = try ReportWriter.write(report, under: URL(fileURLWithPath: configuration.request.out),
                                             suiteVersion: StrainerVersion.current)
        journal.discard()
        return Written(outcome: outcome, report: report, folder: written)
    }

    /// The journal of this run under its results folder, opened as `resumption` says, keeping `configuration` (so that
    /// ``RunPlan``'s tasks can be run from it) and the plan once it keeps a fit. Its identity is the resolved
    /// configuration and this build.
    public func journal(of configuration: RunConfiguration, resumption: Resumption) throws -> RunJournal {
        var journal = try resumption.journal(problem: name, configuration: try identity(), under: URL(fileURLWithPath: configuration.request.out))
        try configuration.keep(in: &journal)
        try RunPlan(self).keep(in: &journal)
        return journal
    }

    /// The fits of this run, `jobs` at a time, kept in `journal` as `resumption` says.
    public func comparison(journal: RunJournal?, resumption: Resumption, jobs: Int = 1) -> ComparisonRun {
        ComparisonRun(problem: name, architecture: architecture, options: options, errorMaps: errorMaps,
                      journal: journal, reusesJournal: resumption.resumes, checkpointSeconds: resumption.checkpointSeconds, jobs: jobs)
    }

    /// The run's name: the problem's id, or `fit-<dataset>-<split>`.
    public var name: String {
        switch origin {
        case let .problem(setup): setup.problem.spec.id
        case let .priorComparison(request, _): request.runName
        }
    }

    /// The report's title.
    private var title: String {
        switch origin {
        case let .problem(setup): setup.problem.spec.title
        case let .priorComparison(request, _): request.title
        }
    }

    /// The method the report's "to reach" columns aim at: random SIREN when it runs, else the first prior (or baseline).
    private var reference: String {
        switch origin {
        case .problem: priors.first { $0.name == "random" }?.name ?? priors.first?.name ?? baselines.first?.name ?? ""
        case .priorComparison: priors.first?.name ?? ""
        }
    }

    /// What the run's numbers depend on (with the build of the suite, its journal's identity), as YAML.
    private func identity() throws -> String {
        switch origin {
        case .problem: try RunSettings.problem(try resolvedSettings(command: nil)).yaml()
        case let .priorComparison(_, settings): try RunSettings.priorComparison(settings).yaml()
        }
    }

    /// The run's config.yaml: its identity with every prior file's digest, and for a problem's run the command line
    /// asked for in `configuration`.
    private func recordedConfiguration(command configuration: RunConfiguration) throws -> String {
        if case let .priorComparison(_, settings) = origin {
            return try RunSettings.priorComparison(settings.recorded(priorDigests: priors.map(\.fileDigest))).yaml()
        }
        return try RunSettings.problem(try resolvedSettings(command: ([configuration.command] + configuration.arguments).joined(separator: " ")))
            .yaml()
    }

    /// The report's facts about the run, `jobs` fits having run at once.
    private func facts(jobs: Int) -> [(name: String, value: String)] {
        guard case let .problem(setup) = origin else {
            guard case let .priorComparison(request, _) = origin else { return [] }
            return request.facts(imageCount: images.count, priors: priors) + [RunPlatform.fact(jobs: jobs)]
        }
        let spec = setup.problem.spec
        var facts: [(name: String, value: String)] = [
            ("images", "\(images.map(\.name).joined(separator: ", ")) at \(spec.size)×\(spec.size)×\(spec.channels)"),
            ("operator", "\(setup.forward) → \(setup.forward.outputShape)"),
            ("noise", setup.noise.map { "\($0), seed \(spec.seed)" } ?? "none"),
            ("solver", "\(options.fit.iterations) Adam steps, lr \(options.fit.adam.learningRate)"
                + (spec.solver.schedule.recorded.map { " (\($0) schedule)" } ?? "")
                + ", evaluated every \(options.fit.evaluateEvery)"
                + (options.totalVariationWeight > 0 ? ", TV weight \(options.totalVariationWeight)" : "")
                + (setup.noise == nil ? "" : (options.stopsAtDiscrepancy ? ", stopped" : ", discrepancy stop reported")
                    + " at the first iterate whose discrepancy is ≤ \(options.discrepancyTarget)")),
        ]
        facts += priors.map { ($0.name, $0.description) }
        facts += baselines.map { ("\($0.name) (baseline)", $0.description) }
        return facts + [RunPlatform.fact(jobs: jobs)]
    }

    /// The resolved configuration — enough to repeat the run — saved, with the `command` line, as its config.yaml;
    /// without it, the journal's identity, where a prior the run trains is its ``ComparedPrior/identity`` (the same
    /// before its training as after).
    private func resolvedSettings(command: String?) throws -> ProblemRunSettings {
        guard case let .problem(setup) = origin else { preconditionFailure("a problem's run") }
        let problem = setup.problem
        let spec = problem.spec
        let recorded = command != nil
        return ProblemRunSettings(
            baselines: baselines.map { .init(name: $0.name, what: $0.description) },
            channels: spec.channels, command: command,
            images: setup.instances.map { .init(name: $0.truth.name, noiseSeed: $0.noiseSeed, sha256: $0.truth.sha256 ?? "synthetic") },
            network: architecture.metadata, noise: .init(spec.noiseSpec),
            operator: .init(spec.operatorSpec), platform: RunPlatform.recorded,
            preparation: spec.preparation.rawValue,
            priors: priors.map { prior in
                recorded || prior.training == nil
                    ? .init(name: prior.name, seed: prior.seed, sha256: prior.fileDigest ?? "none", what: prior.description)
                    : .init(name: prior.name, seed: prior.seed, sha256: nil, what: prior.identity)
            },
            problem: spec.id, problemFile: problem.file.path, seed: spec.seed, size: spec.size,
            solver: .init(discrepancyTarget: options.discrepancyTarget, evaluateEvery: options.fit.evaluateEvery, iterations: options.fit.iterations,
                          learningRate: FloatSetting(options.fit.adam.learningRate), schedule: spec.solver.schedule.recorded,
                          stop: options.stopsAtDiscrepancy ? "discrepancy" : "none", tvWeight: options.totalVariationWeight),
            suiteVersion: StrainerVersion.current, title: spec.title)
    }
}
