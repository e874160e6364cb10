import Foundation
import Reporting
import Solver

/// Where every task of an unfinished run stands, from its journal and, for a run handed to Slurm, from `squeue`
/// (`sacct` is not asked: clusters without an accounting database have none, and the journal already says which
/// fits finished). What `strainer status` prints.
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
        /// A Slurm element that ended without finishing: the last error line of its log, and the log.
        case failed(error: String, log: String)
    }

    public var plan: RunPlan
    public var states: [State]
    /// The Slurm submission, when the run was handed to Slurm.
    public var submission: SlurmSubmission?

    /// The state of every task of the run whose journal is `journal`.
    public init(journal: RunJournal) throws {
        plan = try RunPlan.kept(in: journal)
        let file = journal.folder.appendingPathComponent(SlurmSubmission.fileName)
        submission = FileManager.default.contents(atPath: file.path).flatMap { try? JSONDecoder().decode(SlurmSubmission.self, from: $0) }
        let queued = submission.map { SlurmClient.queuedStates(of: [$0.fitsJob, $0.reportJob].compactMap { $0 }) } ?? [:]
        var states: [State] = []
        for index in plan.fitIndices {
            let (image, method) = (plan.imageName(of: index), plan.methodName(of: index))
            let kept = journal.unfinishedFile(image: image, method: method)
            let progress = (try? SolverState.read(kept)).map { state in
                (step: state.iteration, best: state.best.map { state.evaluations[$0.index].psnr })
            }
            let queue = submission?.fitsJob.flatMap { queued["\($0)_\(index)"] }
            if let (entry, _) = try journal.entry(image: image, method: method) {
                states.append(.finished(bestPSNR: entry.curve.best?.psnr))
            } else if queue == "RUNNING" {
                states.append(.running(step: progress?.step, bestPSNR: progress?.best ?? nil))
            } else if queue != nil {
                states.append(.queued)
            } else if let submission, submission.fits.contains(index), submission.fitsJob.map({ id in queued.keys.contains { $0.hasPrefix("\(id)_") } }) != true {
                let log = "\(submission.folder)/logs/task-\(index).log"
                let kept = progress.map { " (its state is kept at step \($0.step))" } ?? ""
                states.append(.failed(error: (Self.lastError(inLog: log) ?? "ended without finishing") + kept, log: log))
            } else if let progress {
                states.append(.stopped(step: progress.step, bestPSNR: progress.best ?? nil))
            } else {
                states.append(.pending)
            }
        }
        let reportQueued = submission.flatMap { queued[$0.reportJob] }
        states.append(reportQueued == "RUNNING" ? .running(step: nil, bestPSNR: nil) : reportQueued != nil ? .queued : .pending)
        self.states = states
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
