import Foundation
import INR
import Operators
import Problems
import Reporting
import Solver
import Yams

/// Everything a run of a problem needs, resolved.
public struct PreparedRun {
    public var problem: Problem
    public var setup: ProblemSetup
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
        let reference = priors.first { $0.name == "random" }?.name ?? priors.first?.name ?? baselines.first?.name ?? ""
        var settings = try resolvedSettings()
        settings["command"] = ([configuration.command] + configuration.arguments).joined(separator: " ")
        let report = RunReport(
            problem: problem.spec.id, title: problem.spec.title, configuration: try Yams.dump(object: settings, sortKeys: true),
            curves: outcome.curves, tableIterations: Self.tableIterations.filter { $0 <= options.iterations }, reference: reference,
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
        var journal = try resumption.journal(problem: problem.spec.id, configuration: try Yams.dump(object: try resolvedSettings(), sortKeys: true),
                                             under: URL(fileURLWithPath: configuration.request.out))
        try configuration.keep(in: &journal)
        try RunPlan(self).keep(in: &journal)
        return journal
    }

    /// The fits of this run, `jobs` at a time, kept in `journal` as `resumption` says.
    public func comparison(journal: RunJournal?, resumption: Resumption, jobs: Int = 1) -> ComparisonRun {
        ComparisonRun(problem: problem.spec.id, architecture: architecture, options: options, errorMaps: errorMaps,
                      journal: journal, reusesJournal: resumption.resumes, checkpointSeconds: resumption.checkpointSeconds, jobs: jobs)
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
