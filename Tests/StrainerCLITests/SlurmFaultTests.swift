import Foundation
import Reporting
import Runs
import XCTest

/// Faults of a run handed to Slurm, against the localhost cluster: an element requeued in place continues from its
/// kept state; a fit that fails is named with its error and log, reported as missing, and resubmitted alone; a failed
/// training cancels the fits that wait for it, and is resubmitted with them.
final class SlurmFaultTests: XCTestCase {
    private let repository = StrainerProcess.repository

    /// Runs `arguments` locally into `directory/local` (the reference), then submits them with `--executor slurm`
    /// (and `slurmOptions`) into `directory/slurm`; that run's folder, journal and jobs.
    private func submit(_ arguments: [String], in directory: URL, slurmOptions: [String] = []) throws
        -> (local: URL, out: URL, journal: URL, jobs: SlurmRun.SubmittedJobs) {
        let local = directory.appendingPathComponent("local")
        let reference = try StrainerProcess.run(arguments + ["--out", local.path], workingDirectory: repository)
        XCTAssertEqual(reference.status, 0, reference.standardError)
        let out = directory.appendingPathComponent("slurm")
        let submitted = try StrainerProcess.run(arguments + ["--out", out.path, "--executor", "slurm"] + slurmOptions,
                                                workingDirectory: repository, timeout: 60)
        XCTAssertEqual(submitted.status, 0, submitted.standardError)
        let journal = try XCTUnwrap(RunFolders.journal(under: out))
        return (local, out, journal, try SlurmRun.submission(in: journal))
    }

    /// Random SIREN on one face at 16² for 2000 steps (long enough to requeue mid-fit), beside the three baselines:
    /// the fit from random SIREN is task 3.
    func testAnElementRequeuedInPlaceContinuesFromItsKeptState() throws {
        try SlurmCluster.requireAvailable()
        let arguments = ["compare", "denoise-faces-s01", "--prior", "random", "--images", "1", "--size", "16", "--iterations", "2000",
                         "--evaluate-every", "250"]
        let (local, out, journal, jobs) = try submit(arguments, in: try scratchFolder())
        let log = try requeueMidway("\(try XCTUnwrap(jobs.fitsJob))_3", task: 3, started: "random, image 1/1: step",
                                    continued: "random: continuing from step ", journal: journal)
        XCTAssertFalse(((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("continuing from step 0,"))
        try SlurmExecutorTests.waitForTheReport(under: out, journal: journal)
        XCTAssertEqual(try RunFolders.metricsWithoutTimes(under: out), try RunFolders.metricsWithoutTimes(under: local))
    }

    /// Requeues array element `element` (the plan's `task`) once its log shows `started`, and waits until the log
    /// shows `continued` (it ran again from what it kept); returns the log.
    private func requeueMidway(_ element: String, task: Int, started: String, continued: String, journal: URL,
                               file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let log = journal.appendingPathComponent("slurm/logs/task-\(task).log")
        let deadline = Date(timeIntervalSinceNow: 240)
        XCTAssertTrue(SlurmRun.waitFor(started, in: log, until: deadline), SlurmExecutorTests.logs(of: journal), file: file, line: line)
        try SlurmRun.requeue(element, until: deadline)
        XCTAssertTrue(SlurmRun.waitFor(continued, in: log, until: deadline),
                      "the element ran again from what it kept: \(SlurmExecutorTests.logs(of: journal))", file: file, line: line)
        return log
    }

    /// The training of the run's STRAINER prior (2000 steps at 16², task 4, after the 4 fits) requeued in place
    /// while it trains: it keeps its checkpoint, continues from it when it runs again (its log says from which step),
    /// the fits follow, and the metrics are those of a local run, whose prior trained uninterrupted.
    func testATrainingRequeuedInPlaceContinuesFromItsCheckpoint() throws {
        try SlurmCluster.requireAvailable()
        let arguments = ["compare", "denoise-faces-s01", "--prior", "strainer", "--prior-iterations", "2000", "--images", "1", "--size", "16",
                         "--iterations", "50", "--evaluate-every", "25"]
        let (local, out, journal, jobs) = try submit(arguments, in: try scratchFolder())
        _ = try requeueMidway("\(try XCTUnwrap(jobs.trainingsJob))_4", task: 4, started: "train-prior strainer: step",
                              continued: "train-prior strainer: resuming at step ", journal: journal)
        try SlurmExecutorTests.waitForTheReport(under: out, journal: journal)
        XCTAssertEqual(try RunFolders.metricsWithoutTimes(under: out), try RunFolders.metricsWithoutTimes(under: local))
    }

    /// The training of the run's STRAINER prior (20 steps; task 4, after the 4 fits) fails: while the jobs are held,
    /// its checkpoint is made garbage. `status` names it with its error line; the fits that wait for it are cancelled
    /// unstarted (`--kill-on-invalid-dep`), named as never started; the report job still runs and lists them; and
    /// once the garbage is gone, `--resume --executor slurm` submits the training and the fits again, to the metrics
    /// of a local run.
    func testAFailedTrainingCancelsItsFitsAndIsResubmittedWithThem() throws {
        try SlurmCluster.requireAvailable()
        let arguments = ["compare", "denoise-faces-s01", "--prior", "strainer", "--prior-iterations", "20", "--images", "1", "--size", "16",
                         "--iterations", "50", "--evaluate-every", "25"]
        let (local, out, journal, jobs) = try submit(arguments, in: try scratchFolder(), slurmOptions: ["--slurm-option=--hold"])
        let plan = try RunPlan.kept(in: try XCTUnwrap(RunJournal(existing: journal)))
        guard case let .train(_, file) = plan.tasks[4] else { return XCTFail("task 4 is \(plan.tasks[4])") }
        let checkpoint = URL(fileURLWithPath: file + ".checkpoint")
        try FileManager.default.createDirectory(at: checkpoint.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not a checkpoint".utf8).write(to: checkpoint)
        let ids = [try XCTUnwrap(jobs.trainingsJob), try XCTUnwrap(jobs.fitsJob), jobs.reportJob]
        let released = try SlurmCluster.run("scontrol", ["release", ids.joined(separator: ",")])
        XCTAssertEqual(released.status, 0, released.output)
        try SlurmRun.waitUntilEnded(ids, until: Date(timeIntervalSinceNow: 180))

        let status = try StrainerProcess.run(["status", journal.path], workingDirectory: repository).standardOutput
        let lines = status.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("4  training of the strainer prior (") && $0.contains(": failed: error: ")
                && $0.contains(checkpoint.path) && $0.contains(" (Slurm: FAILED, exit code 1:0) (log: ") }, status)
        XCTAssertEqual(lines.filter { $0.contains(": failed: never started: cancelled before it ran") && $0.contains("(Slurm: CANCELLED") }.count,
                       4, "sacct says how each ended: " + status)
        XCTAssertTrue(lines.contains { $0.hasPrefix("5  the report: failed: it printed a provisional report, as some tasks did not finish "
                + "(Slurm: FAILED, exit code 1:0) (log: ") }, status)
        let report = try String(contentsOf: journal.appendingPathComponent("slurm/logs/report.log"), encoding: .utf8)
        XCTAssertTrue(report.contains("the report is provisional") && report.contains("4 of 4 are not finished"), report)

        try FileManager.default.removeItem(at: checkpoint)
        let resumed = try StrainerProcess.run(arguments + ["--out", out.path, "--executor", "slurm", "--resume"], workingDirectory: repository,
                                              timeout: 60)
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
        XCTAssertTrue(resumed.standardOutput.contains("(1 element(s), the plan's tasks 4)"), resumed.standardOutput)
        XCTAssertTrue(resumed.standardOutput.contains("(4 element(s), the plan's tasks 0-3)"), resumed.standardOutput)
        try SlurmExecutorTests.waitForTheReport(under: out, journal: journal)
        XCTAssertEqual(try RunFolders.metricsWithoutTimes(under: out), try RunFolders.metricsWithoutTimes(under: local))
    }

    /// The fit from random SIREN (task 3) fails: while the jobs are held, its kept state in the journal is made
    /// garbage. `status` names it with the error line and the log, the report job's provisional report names it as
    /// missing, and once the garbage is gone, `--resume --executor slurm` submits that fit alone, to the local metrics.
    func testAFailedFitIsNamedReportedAndResubmittedAlone() throws {
        try SlurmCluster.requireAvailable()
        let arguments = ["compare", "denoise-faces-s01", "--prior", "random", "--images", "1", "--size", "16", "--iterations", "100",
                         "--evaluate-every", "25"]
        let (local, out, journal, jobs) = try submit(arguments, in: try scratchFolder(), slurmOptions: ["--slurm-option=--hold"])
        let fits = try XCTUnwrap(jobs.fitsJob)
        let kept = try XCTUnwrap(RunJournal(existing: journal))
        let state = kept.unfinishedFile(image: try RunPlan.kept(in: kept).imageName(of: 3), method: "random")
        try Data("not a fit's state".utf8).write(to: state)
        let released = try SlurmCluster.run("scontrol", ["release", "\(fits),\(jobs.reportJob)"])
        XCTAssertEqual(released.status, 0, released.output)
        try SlurmRun.waitUntilEnded([fits, jobs.reportJob], until: Date(timeIntervalSinceNow: 180))

        let log = journal.appendingPathComponent("slurm/logs/task-3.log")
        let status = try StrainerProcess.run(["status", journal.path], workingDirectory: repository)
        let line = status.standardOutput.split(separator: "\n").first { $0.hasPrefix("3  random on image 1/1 ") }.map(String.init) ?? ""
        XCTAssertTrue(line.contains(": failed: error: ") && line.contains(state.path), status.standardOutput)
        XCTAssertTrue(line.hasSuffix(" (Slurm: FAILED, exit code 1:0) (log: \(log.path))"), "how sacct says it ended, and the log: " + line)
        let logged = try String(contentsOf: log, encoding: .utf8)
        XCTAssertTrue(line.contains(try XCTUnwrap(logged.split(separator: "\n").last { $0.hasPrefix("error:") })), "the log's error line")
        XCTAssertTrue(status.standardOutput.contains("0  baseline adjoint on image 1/1 female_058881_ref: finished"), status.standardOutput)
        let report = try String(contentsOf: journal.appendingPathComponent("slurm/logs/report.log"), encoding: .utf8)
        XCTAssertTrue(report.contains("the report is provisional"), report)
        XCTAssertTrue(report.contains("1 of 4 are not finished: 3 (random on image 1/1 "), report)

        try FileManager.default.removeItem(at: state)
        try SlurmExecutorTests.assertResumingResubmitsTask3Alone(arguments, out: out, journal: journal, local: local)
    }
}
