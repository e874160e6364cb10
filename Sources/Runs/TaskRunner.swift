import Foundation
import Reporting

/// One task of a run's plan, run from the run's journal: what `strainer run-task JOURNAL INDEX` does, and a Slurm
/// job array's element. The journal says how the run was asked for (``RunConfiguration``); the run is prepared again
/// from it (learned priors are read from their files; one not trained yet is its training task's work, never a
/// fit's), and the task's result goes into the journal, or for a training, into the prior's file.
public enum TaskRunner {
    /// What a task did.
    public enum Result {
        /// A fit (or a baseline) finished, or was already in the journal: its description and its entry.
        case fit(task: String, entry: RunJournal.Entry)
        /// A learned prior was trained into `file`, or its file held it already (`reused`).
        case training(task: String, file: URL, reused: Bool)
        /// The report was written from every fit in the journal (which is then removed).
        case report(PreparedRun.Written)
    }

    /// Runs task `index` of the run whose journal is `folder`; a running fit keeps its state there at most
    /// `checkpointSeconds` old (and when a signal stops it), and continues from a kept state; so does a training.
    public static func run(journal folder: URL, index: Int, checkpointSeconds: Double = 60) throws -> Result {
        let journal = try opened(folder)
        let configuration = try RunConfiguration.kept(in: journal)
        let prepared = try configuration.prepare(untrained: .leftToTheirTasks)
        let plan = RunPlan(prepared)
        let resumption = Resumption(resumes: true, checkpointSeconds: checkpointSeconds)
        switch try plan.task(index) {
        case let .fit(image, method):
            let entry = try prepared.comparison(journal: journal, resumption: resumption)
                .runOne(method: method, on: image, images: prepared.images, priors: prepared.priors, baselines: prepared.baselines)
            return .fit(task: plan.describe(index), entry: entry)
        case let .train(prior, _):
            guard let training = prepared.priors[prior].training else { preconditionFailure("the plan trains only priors the run trains") }
            let (_, reused) = try training.train(checkpointSeconds: checkpointSeconds)
            return .training(task: plan.describe(index), file: training.file, reused: reused)
        case .report:
            let unfinished = plan.fitIndices.filter { !journal.contains(image: plan.imageName(of: $0), method: plan.methodName(of: $0)) }
            guard unfinished.isEmpty else {
                throw RunError("the report needs every fit, and \(unfinished.count) of \(plan.fitIndices.count) are not finished: "
                               + unfinished.map { "\($0) (\(plan.describe($0)))" }.joined(separator: ", ")
                               + "; run them (strainer run-task \(folder.path) INDEX), and see the fits finished so far with "
                               + "`strainer report \(folder.path)`")
            }
            return .report(try prepared.run(configuration, resumption: resumption))
        }
    }

    /// The journal in `folder`, made by this build; an error saying what else it is.
    public static func opened(_ folder: URL) throws -> RunJournal {
        guard let journal = RunJournal(existing: folder.standardizedFileURL) else {
            throw RunError("\(folder.path): no run journal there; expected a folder <out>/.journal/<run>/ that `strainer compare`, "
                           + "`compare-priors` or `solve` keeps while its run is unfinished")
        }
        guard journal.build == RunJournal.executableDigest else {
            throw RunError("\(folder.path): the journal of another build of strainer (executable \(journal.build.prefix(12))…; this one is "
                           + "\(RunJournal.executableDigest.prefix(12))…); expected this build's, so that no run mixes two builds' bits "
                           + "(repeat the run's command with --resume-other-build to continue it)")
        }
        return journal
    }
}
