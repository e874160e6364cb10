import ArgumentParser
import Foundation
import Runs

/// `strainer run-task JOURNAL INDEX`: one task of an unfinished run's plan, from its journal — what one element of a
/// Slurm job array runs, and usable from any scheduler or by hand.
struct RunTaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-task",
        abstract: "Run one task of a run's plan (one method on one image, a learned prior's training, or the report) from the run's journal.",
        discussion: """
            The journal (<out>/.journal/<run>/, kept while a `strainer compare` or `strainer solve` run is \
            unfinished) holds how the run was asked for; the run is prepared again from it and task INDEX is run: \
            the first tasks are each method (the baselines, then the priors) on each image, in the report's order; \
            then comes the training of each learned prior the run trains itself (into <out>/priors/, resumable from \
            its checkpoint), which the fits from it need; the last task writes the report once every fit is \
            finished (`strainer status` lists them all). A fit is kept in the journal when it finishes, and \
            its state while it runs (SIGTERM keeps it too), so running the same task again continues it to the same \
            bits; a finished task is not run again.
            """)

    @Argument(help: "The run's journal folder (<out>/.journal/<run>/).", completion: .directory)
    var journal: String

    @Argument(help: "The task's index in the run's plan.")
    var index: Int

    @Option(help: ArgumentHelp("Keep the running fit's state in the journal at most this often (0: after every step).", valueName: "seconds"))
    var checkpointSeconds: Double = 60

    func validate() throws {
        guard checkpointSeconds >= 0, checkpointSeconds.isFinite else {
            throw ValidationError("--checkpoint-seconds is \(checkpointSeconds); expected a number of seconds ≥ 0")
        }
    }

    func run() throws {
        switch try TaskRunner.run(journal: URL(fileURLWithPath: journal), index: index, checkpointSeconds: checkpointSeconds) {
        case let .fit(task, entry):
            print("task \(index), \(task): finished" + (entry.score.map { ", \($0)" } ?? ""))
        case let .training(task, file, reused):
            print("task \(index), \(task): " + (reused ? "already trained, in " : "trained into ") + file.path)
        case let .report(written):
            written.print()
        }
    }
}
