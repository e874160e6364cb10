import ArgumentParser
import Foundation
import Reporting
import Runs

/// `strainer status RUN|JOURNAL`: where each task of a run stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say where every task of a run stands (fits, learned priors' trainings, the report): pending, queued, running at step k, finished, or failed with its error.",
        discussion: """
            Given a run's journal (<out>/.journal/<run>/), lists the tasks of its plan (each method on each image, \
            the training of each learned prior the run trains, then the report) with their state, from the journal \
            (finished fits, the kept state of running or stopped ones: their step and best PSNR so far), the prior \
            files and their training checkpoints, and, for a run handed to Slurm, from squeue (queued, running; an \
            element that left the queue unfinished is failed, with the last error line of its log). Given a \
            finished run's folder, says where its report is.
            """)

    @Argument(help: ArgumentHelp("A run's journal folder (<out>/.journal/<run>/), or a finished run's folder.", valueName: "run"), completion: .directory)
    var target: String

    func run() throws {
        let folder = URL(fileURLWithPath: target)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("metrics.csv").path) {
            print("finished: the report is \(folder.appendingPathComponent("report.html").path)")
            return
        }
        guard let journal = RunJournal(existing: folder.standardizedFileURL) else {
            throw RunError("\(target): neither a run's journal (<out>/.journal/<run>/) nor a finished run's folder (with metrics.csv)")
        }
        let status = try RunStatus(journal: journal)
        if let submission = status.submission {
            print("submitted to Slurm: " + (submission.trainingsJob.map { "trainings \($0), " } ?? "")
                  + "fits \(submission.fitsJob ?? "none"), report \(submission.reportJob); logs in \(submission.folder)/logs/")
        }
        status.lines.forEach { print($0) }
    }
}
