import Foundation
import Priors
import Reporting
import Solver

/// Where every task of an unfinished run stands, from its journal and, for a run handed to Slurm, from `squeue`
/// (queued, running) and, where the cluster keeps accounting, `sacct` (how an element that left the queue unfinished
/// ended: timed out, out of memory, cancelled, …). What `strainer status` prints.
public struct RunStatus {
    /// One task's state.
    public enum State: Equatable {
        case pending
        /// Queued in Slurm, not started.
        case queued
        /// Running (or stopped and not running), at `step` with the best PSNR so far, as its kept state says.
        case running(step: Int?, bestPSNR: Double?)
        case stopped(step: Int, bestPSNR: Double?)
        case finished(bestPSNR: Double?)
        /// A Slurm element that ended without finishing: the last error line of its log (and how Slurm says it
        /// ended, where it keeps accounting), and the log.
        case failed(error: String, log: String)
    }

    public var plan: RunPlan
    public var states: [State]
    /// The Slurm submission, when the run was handed to Slurm.
    public var submission: SlurmSubmission?

    /// The state of every task of the run whose journal is `journal`.
    public init(journal: RunJournal) throws {
        let plan = try RunPlan.kept(in: journal)
        let file = journal.folder.appendingPathComponent(SlurmSubmission.fileName)
        let submission = FileManager.default.contents(atPath: file.path).flatMap { try? JSONDecoder().decode(SlurmSubmission.self, from: $0) }
        let jobs = submission.map { [$0.trainingsJob, $0.fitsJob, $0.reportJob].compactMap { $0 } } ?? []
        let slurm = SlurmView(queued: SlurmClient.queuedStates(of: jobs), endings: SlurmClient.endings(of: jobs))
        states = try plan.tasks.indices.map { index in
            switch plan.tasks[index] {
            case .fit: try Self.fitState(index, plan: plan, journal: journal, submission: submission, slurm: slurm)
            case let .train(_, file): Self.trainingState(index, file: URL(fileURLWithPath: file), submission: submission, slurm: slurm)
            case .report: Self.reportState(submission: submission, slurm: slurm)
            }
        }
        self.plan = plan
        self.submission = submission
    }

    /// What Slurm says of the run's jobs: the state of each one `squeue` lists, and how each one that ended did, as
    /// `sacct` says (empty without accounting), by job id (array elements as `<id>_<index>`).
    private struct SlurmView {
        var queued: [String: String]
        var endings: [String: SlurmJobEnding]
    }

    /// The report job's state: running or queued as Slurm lists it, failed when it ended as Slurm's accounting says
    /// (the journal still there: the run is unfinished, and the job failed after printing a provisional report, or
    /// ended before it ran, cancelled), else pending.
    private static func reportState(submission: SlurmSubmission?, slurm: SlurmView) -> State {
        guard let submission else { return .pending }
        if let queued = slurm.queued[submission.reportJob] { return queued == "RUNNING" ? .running(step: nil, bestPSNR: nil) : .queued }
        guard let ending = slurm.endings[submission.reportJob] else { return .pending }
        let what = ending.state == "FAILED" ? "it printed a provisional report, as some tasks did not finish" : "it ended without a report"
        return .failed(error: "\(what) (\(ending))", log: "\(submission.folder)/logs/report.log")
    }

    /// The state of fit `index`: finished when the journal holds it, else as Slurm lists its element, else stopped at
    /// the step its kept state says, failed when its element left the queue unfinished, or pending.
    private static func fitState(_ index: Int, plan: RunPlan, journal: RunJournal, submission: SlurmSubmission?,
                                 slurm: SlurmView) throws -> State {
        let (image, method) = (plan.imageName(of: index), plan.methodName(of: index))
        if let (entry, _) = try journal.entry(image: image, method: method) { return .finished(bestPSNR: entry.curve.best?.psnr) }
        let progress = (try? SolverState.read(journal.unfinishedFile(image: image, method: method))).map { state in
            (step: state.iteration, best: state.best.map { state.evaluations[$0.index].psnr })
        }
        return state(of: index, in: submission?.fitsJob, submitted: submission?.fits, slurm: slurm, progress: progress,
                     submission: submission) ?? .pending
    }

    /// The state of training `index` into `file`: finished when the file is there, else as Slurm lists its element,
    /// else stopped at the step its checkpoint says, failed when its element left the queue unfinished, or pending.
    private static func trainingState(_ index: Int, file: URL, submission: SlurmSubmission?, slurm: SlurmView) -> State {
        if FileManager.default.fileExists(atPath: file.path) { return .finished(bestPSNR: nil) }
        let step = (try? TrainingCheckpoint.read(CheckpointPolicy.url(forPrior: file)))?.state.iteration
        return state(of: index, in: submission?.trainingsJob, submitted: submission?.trainings, slurm: slurm,
                     progress: step.map { ($0, nil) }, submission: submission) ?? .pending
    }

    /// Where task `index`'s element of the job array `job` stands: listed by Slurm (its state), ended with the whole
    /// array (`""`), or neither (`nil`: not submitted in it, or not listed while other elements still are).
    private static func element(_ index: Int, of job: String?, submitted: [Int]?, queued: [String: String]) -> String? {
        guard let job, submitted?.contains(index) == true else { return nil }
        if let state = queued["\(job)_\(index)"] { return state }
        return queued.keys.contains { $0.hasPrefix("\(job)_") } ? nil : ""
    }

    /// The state task `index`, not finished, is in: running or queued as Slurm lists its element of job array `job`,
    /// failed when its element ended (with the last error line of its log, `logs/task-<index>.log`, or, without a
    /// log, as never started; and how Slurm's accounting says it ended), stopped at the `progress` its kept state
    /// says, or `nil` (pending).
    private static func state(of index: Int, in job: String?, submitted: [Int]?, slurm: SlurmView, progress: (step: Int, best: Double?)?,
                              submission: SlurmSubmission?) -> State? {
        let ending = job.flatMap { slurm.endings["\($0)_\(index)"] }.map { " (\($0))" } ?? ""
        switch element(index, of: job, submitted: submitted, queued: slurm.queued) {
        case "RUNNING": return .running(step: progress?.step, bestPSNR: progress?.best ?? nil)
        case .some(""):
            let log = "\(submission?.folder ?? "")/logs/task-\(index).log"
            guard FileManager.default.fileExists(atPath: log) else {
                return .failed(error: "never started: cancelled before it ran (a training it waits for failed, or scancel)" + ending, log: log)
            }
            let kept = progress.map { " (its state is kept at step \($0.step))" } ?? ""
            return .failed(error: (lastError(inLog: log) ?? "ended without finishing") + kept + ending, log: log)
        case .some: return .queued
        case nil: return progress.map { .stopped(step: $0.step, bestPSNR: $0.best) }
        }
    }

    /// The last line of the log at `path` that starts with `error:`.
    static func lastError(inLog path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").last { $0.hasPrefix("error:") }.map(String.init)
    }

    /// One line per task: its index, what it is, its state.
    public var lines: [String] {
        states.enumerated().map { index, state in
            let what = plan.describe(index)
            let psnr = { (value: Double?) in value.map { String(format: ", best PSNR %.2f dB", $0) } ?? "" }
            let said: String
            switch state {
            case .pending: said = "pending"
            case .queued: said = "queued in Slurm"
            case let .running(step, best): said = "running" + (step.map { " at step \($0)" } ?? "") + psnr(best) + (step == nil ? "" : " so far")
            case let .stopped(step, best): said = "stopped at step \(step)\(psnr(best)) so far (its state is kept; --resume continues it)"
            case let .finished(best): said = "finished\(psnr(best))"
            case let .failed(error, log): said = "failed: \(error) (log: \(log))"
            }
            return "\(index)  \(what): \(said)"
        }
    }
}
