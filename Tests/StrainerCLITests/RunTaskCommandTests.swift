import Foundation
import XCTest

/// `strainer run-task JOURNAL INDEX`: every task of an interrupted run's plan, run one by one from its journal, ends
/// with the report an uninterrupted run writes; a bad journal or index is one error line.
final class RunTaskCommandTests: XCTestCase {
    private let repository = StrainerProcess.repository

    /// Two faces at 32², 60 steps from a random SIREN, and the problem's three baselines: a plan of 8 fits and the report.
    static let comparison = ["compare", "denoise-faces-s01", "--prior", "random", "--images", "2", "--size", "32", "--iterations", "60",
                             "--evaluate-every", "20"]

    func testEveryTaskRunFromTheJournalGivesTheReportOfAnUninterruptedRun() throws {
        let directory = try scratchFolder()
        let uninterrupted = directory.appendingPathComponent("uninterrupted")
        let reference = try StrainerProcess.run(Self.comparison + ["--out", uninterrupted.path], workingDirectory: repository)
        XCTAssertEqual(reference.status, 0, reference.standardError)

        let out = directory.appendingPathComponent("tasks")
        let interrupted = try StrainerProcess.interrupt(Self.comparison + ["--out", out.path], workingDirectory: repository) {
            !RunFolders.journalEntries(under: out).isEmpty
        }
        XCTAssertEqual(interrupted.status, 128 + SIGINT, interrupted.standardError)
        let journal = try XCTUnwrap(RunFolders.journal(under: out))

        try assertRefused(["run-task", journal.path, "9"], in: repository,
                          mentioning: ["task 9 is out of range: this run's plan has 9 tasks, 0–8 (8 fits, then the report at 8)"])
        let early = try StrainerProcess.run(["run-task", journal.path, "8"], workingDirectory: repository)
        XCTAssertEqual(early.status, 1, early.standardError)
        XCTAssertTrue(early.standardError.contains("the report needs every fit, and "), early.standardError)
        XCTAssertTrue(early.standardError.contains("7 (random on image 2/2 "), early.standardError)

        for index in 0..<8 {
            let task = try StrainerProcess.run(["run-task", journal.path, "\(index)", "--checkpoint-seconds", "0"], workingDirectory: repository)
            XCTAssertEqual(task.status, 0, task.standardError)
            XCTAssertTrue(task.standardOutput.hasPrefix("task \(index), "), task.standardOutput)
        }
        let report = try StrainerProcess.run(["run-task", journal.path, "8"], workingDirectory: repository)
        XCTAssertEqual(report.status, 0, report.standardError)
        XCTAssertTrue(report.standardOutput.contains("report: "), report.standardOutput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal.path), "the report removes the journal")
        XCTAssertEqual(try RunFolders.metricsWithoutTimes(under: out), try RunFolders.metricsWithoutTimes(under: uninterrupted))
    }

    /// A run whose STRAINER prior (20 steps) is missing from its file: `status` shows its training task pending, a fit
    /// from it is refused naming that task, and once `run-task` has trained it, the remaining tasks end with the
    /// report of an uninterrupted run (which trained the prior itself).
    func testATrainingIsATaskOfItsOwnThatTheFitsFromItNeed() throws {
        let comparison = ["compare", "denoise-faces-s01", "--prior", "strainer", "--prior-iterations", "20", "--images", "2", "--size", "32",
                          "--iterations", "60", "--evaluate-every", "20"]
        let directory = try scratchFolder()
        let uninterrupted = directory.appendingPathComponent("uninterrupted")
        let reference = try StrainerProcess.run(comparison + ["--out", uninterrupted.path], workingDirectory: repository)
        XCTAssertEqual(reference.status, 0, reference.standardError)

        let out = directory.appendingPathComponent("tasks")
        let interrupted = try StrainerProcess.interrupt(comparison + ["--out", out.path], workingDirectory: repository) {
            !RunFolders.journalEntries(under: out).isEmpty
        }
        XCTAssertEqual(interrupted.status, 128 + SIGINT, interrupted.standardError)
        let journal = try XCTUnwrap(RunFolders.journal(under: out))
        let priors = out.appendingPathComponent("priors")
        try FileManager.default.removeItem(at: priors)

        let status = try StrainerProcess.run(["status", journal.path], workingDirectory: repository)
        XCTAssertTrue(status.standardOutput.contains("8  training of the strainer prior (strainer-celeba-hq-178-train-10img-32px-rgb-20steps-seed0"
                                                     + ".safetensors): pending"), status.standardOutput)
        try assertRefused(["run-task", journal.path, "3"], in: repository,
                          mentioning: ["the strainer prior is not trained yet (\(priors.path)/strainer-", "expected its training task"])
        let training = try StrainerProcess.run(["run-task", journal.path, "8"], workingDirectory: repository)
        XCTAssertEqual(training.status, 0, training.standardError)
        XCTAssertTrue(training.standardOutput.hasPrefix("task 8, training of the strainer prior ("), training.standardOutput)
        XCTAssertTrue(training.standardOutput.contains("): trained into \(priors.path)/strainer-"), training.standardOutput)
        for index in 0...9 {
            let task = try StrainerProcess.run(["run-task", journal.path, "\(index)"], workingDirectory: repository)
            XCTAssertEqual(task.status, 0, task.standardError)
        }
        XCTAssertEqual(try RunFolders.metricsWithoutTimes(under: out), try RunFolders.metricsWithoutTimes(under: uninterrupted))
    }

    func testAJournalOfAnotherBuildOrNoneIsRefused() throws {
        let directory = try scratchFolder()
        try assertRefused(["run-task", directory.appendingPathComponent(".journal/none").path, "0"], in: repository,
                          mentioning: ["no run journal there; expected a folder <out>/.journal/<run>/"])

        let interrupted = try StrainerProcess.interrupt(Self.comparison + ["--out", directory.path], workingDirectory: repository) {
            !RunFolders.journalEntries(under: directory).isEmpty
        }
        XCTAssertEqual(interrupted.status, 128 + SIGINT, interrupted.standardError)
        let journal = try XCTUnwrap(RunFolders.journal(under: directory))
        let kept = RunFolders.journalEntries(under: directory).count
        try Data("0123456789abcdef".utf8).write(to: journal.appendingPathComponent("build.sha256"))
        try assertRefused(["run-task", journal.path, "0"], in: repository,
                          mentioning: ["the journal of another build of strainer (executable 0123456789ab…", "--resume-other-build"])
        XCTAssertEqual(RunFolders.journalEntries(under: directory).count, kept, "nothing was run")
    }
}
