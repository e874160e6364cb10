import Foundation
import INR
import Runs
import Solver
import XCTest

/// `strainer compare --executor slurm`: the run handed to Slurm (a job array of the fits, a report job) writes the
/// numbers the same command writes run locally; where Slurm is missing or refuses, one error line says so.
final class SlurmExecutorTests: XCTestCase {
    private let repository = StrainerProcess.repository

    /// Two faces at 32², 100 steps, from a random SIREN and from a STRAINER prior trained for 20 steps, beside the
    /// problem's three baselines: 10 fits.
    private static let comparison = ["compare", "denoise-faces-s01", "--prior", "random", "--prior", "strainer", "--prior-iterations", "20",
                                     "--images", "2", "--size", "32", "--iterations", "100", "--evaluate-every", "25"]

    func testASlurmRunWritesTheMetricsOfTheSameRunMadeLocally() throws {
        try SlurmCluster.requireAvailable()
        let directory = try scratchFolder()
        let (out, journal) = try assertSlurmMatchesLocal(
            Self.comparison, in: directory, elements: "(10 element(s), the plan's tasks 0-9)", slurmOptions: ["--slurm-time", "10"],
            // The same prior file (trained by the local run; reused, as a cluster's later runs reuse it).
            beforeSubmitting: { local, out in
                try FileManager.default.copyItem(at: local.appendingPathComponent("priors"), to: out.appendingPathComponent("priors"))
            },
            beforeWaiting: { submitted, journal in
                XCTAssertTrue(submitted.standardOutput.contains("submitted the fits: job array "), submitted.standardOutput)
                XCTAssertTrue(submitted.standardError.contains("is on a local file system ("), "the temporary folder is no shared one: "
                              + submitted.standardError)
                let script = try String(contentsOf: journal.appendingPathComponent("slurm/fits.sbatch"), encoding: .utf8)
                XCTAssertTrue(script.contains("#SBATCH --requeue\n#SBATCH --signal=B:TERM@60\n"), script)
                XCTAssertTrue(script.contains("#SBATCH --array=0-9\n"), script)
                // No --slurm-mem: the largest fit's count (32² RGB, the problem's 6 × 256 SIREN) with its margin.
                let architecture = try Architecture(family: .siren(omegaFirst: 30, omegaHidden: 30), width: 256, layers: 6, outputs: 3)
                let memory = SlurmSettings.defaultMemory(for: [FitMemory(pixels: 32 * 32, channels: 3, architecture: architecture)])
                XCTAssertTrue(script.contains("#SBATCH --mem=\(memory)\n"), script)
            })
        let rows = try RunFolders.metricsWithoutTimes(under: out)
        for method in [",random,prior,", ",strainer,prior,", ",adjoint,baseline,"] {
            let images = Set(rows.filter { $0.contains(method) }.map { $0.split(separator: ",")[1] })
            XCTAssertEqual(images.count, 2, "\(method) on both images")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal.path), "the report job removes the journal")
    }

    /// The same comparison with its STRAINER prior not trained yet: the submitting command trains nothing and returns
    /// at once; the training is a job of its own (task 10, after the 10 fits), the fits' array starts only once the
    /// prior's file is written, and the metrics equal those of the same command run locally, which trained the
    /// prior itself before its fits.
    func testAnUntrainedLearnedPriorIsAJobOfItsOwnThatTheFitsFollow() throws {
        try SlurmCluster.requireAvailable()
        let directory = try scratchFolder()
        try assertSlurmMatchesLocal(
            Self.comparison, in: directory, elements: "(10 element(s), the plan's tasks 0-9)",
            beforeWaiting: { submitted, journal in
                let priors = directory.appendingPathComponent("slurm/priors")
                let trainedPrior = { ((try? FileManager.default.contentsOfDirectory(atPath: priors.path)) ?? []).first { $0.hasSuffix(".safetensors") } }
                XCTAssertNil(trainedPrior(), "the command returned before the prior was trained")
                XCTAssertFalse(submitted.standardError.contains("training a strainer prior"), submitted.standardError)
                XCTAssertTrue(submitted.standardOutput.contains("submitted the learned priors' training: job array "), submitted.standardOutput)
                XCTAssertTrue(submitted.standardOutput.contains("(1 element(s), the plan's tasks 10)"), submitted.standardOutput)
                let status = try StrainerProcess.run(["status", journal.path], workingDirectory: repository)
                XCTAssertTrue(status.standardOutput.contains("10  training of the strainer prior (strainer-celeba-hq-178-train-10img-32px-"),
                              status.standardOutput)
                XCTAssertTrue(status.standardOutput.contains("11  the report: "), status.standardOutput)
                let deadline = Date(timeIntervalSinceNow: 300)
                while trainedPrior() == nil && Date() < deadline { usleep(20_000) }
                XCTAssertNotNil(trainedPrior(), "the training job wrote no prior; the jobs' logs:\n\(Self.logs(of: journal))")
                XCTAssertEqual(RunFolders.journalEntries(under: directory.appendingPathComponent("slurm")), [],
                               "no fit finished before its prior was trained")
                let log = journal.appendingPathComponent("slurm/logs/task-10.log")
                while !((try? String(contentsOf: log, encoding: .utf8))?.contains("trained into") ?? false) && Date() < deadline { usleep(50_000) }
                let trained = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                XCTAssertTrue(trained.contains("train-prior strainer: step 20/20"), trained)
            })
    }

    /// `compare-priors --executor slurm` (a random SIREN, a STRAINER prior file, and a meta-learned prior given as a
    /// recipe, on two faces) writes the metrics of the same command run locally: the recipe's training is a job of
    /// its own (task 6, after the 6 fits), where the local run trained it before its fits.
    func testAComparisonOfPriorsOnSlurmWritesTheMetricsOfTheSameRunMadeLocally() throws {
        try SlurmCluster.requireAvailable()
        let directory = try scratchFolder()
        let network = ["--size", "32", "--width", "64", "--layers", "3"]
        let prior = directory.appendingPathComponent("strainer.safetensors")
        let trained = try StrainerProcess.run(["train-prior", "--dataset", "celeba-hq-178", "--kind", "strainer", "--iterations", "20",
                                               "--out", prior.path] + network, workingDirectory: repository)
        XCTAssertEqual(trained.status, 0, trained.standardError)
        let arguments = ["compare-priors", "--dataset", "celeba-hq-178", "--images", "2", "--iterations", "100", "--evaluate-every", "25",
                         "--prior", "random", "--prior", prior.path, "--prior", "{kind: meta, dataset: celeba-hq-178, iterations: 10}"] + network
        let (out, _) = try assertSlurmMatchesLocal(arguments, in: directory, elements: "(6 element(s), the plan's tasks 0-5)",
                                                   beforeWaiting: { submitted, _ in
            XCTAssertTrue(submitted.standardOutput.contains("submitted the learned priors' training: job array "), submitted.standardOutput)
            XCTAssertTrue(submitted.standardOutput.contains("(1 element(s), the plan's tasks 6)"), submitted.standardOutput)
            XCTAssertFalse(submitted.standardError.contains("training a meta prior"), "the submitting command trains nothing: " + submitted.standardError)
        })
        XCTAssertEqual(Set(try RunFolders.metricsWithoutTimes(under: out).dropFirst().map { $0.split(separator: ",")[2] }),
                       ["random", "strainer", "meta"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("priors").path),
                       ["meta-celeba-hq-178-train-10img-32px-rgb-10steps-seed0-siren64x64-omega30.0-encoder2.safetensors"])
    }

    /// An element stopped by SIGTERM mid-fit (as before a time limit) keeps its state; `status` names it, the report
    /// job prints the provisional table, and `--resume` submits only that fit, which continues from its state to the
    /// metrics of an uninterrupted local run.
    func testAnElementStoppedMidFitIsResubmittedAloneAndContinuesFromItsState() throws {
        try SlurmCluster.requireAvailable()
        let directory = try scratchFolder()
        let arguments = ["compare", "denoise-faces-s01", "--prior", "random", "--images", "1", "--size", "16", "--iterations", "2000",
                         "--evaluate-every", "250"]
        let local = directory.appendingPathComponent("local")
        let reference = try StrainerProcess.run(arguments + ["--out", local.path], workingDirectory: repository)
        XCTAssertEqual(reference.status, 0, reference.standardError)

        let out = directory.appendingPathComponent("slurm")
        let submitted = try StrainerProcess.run(arguments + ["--out", out.path, "--executor", "slurm"], workingDirectory: repository, timeout: 60)
        XCTAssertEqual(submitted.status, 0, submitted.standardError)
        let journal = try XCTUnwrap(RunFolders.journal(under: out))
        let submission = try SlurmRun.submission(in: journal)
        let fits = try XCTUnwrap(submission.fitsJob)
        let log = journal.appendingPathComponent("slurm/logs/task-3.log")
        let deadline = Date(timeIntervalSinceNow: 120)
        SlurmRun.waitFor("random, image 1/1: step", in: log, until: deadline)
        let cancelled = try SlurmCluster.run("scancel", ["--batch", "--signal=TERM", "\(fits)_3"])
        XCTAssertEqual(cancelled.status, 0, cancelled.output)
        try SlurmRun.waitUntilEnded([fits, submission.reportJob], until: deadline)
        let status = try StrainerProcess.run(["status", journal.path], workingDirectory: repository)
        XCTAssertEqual(status.status, 0, status.standardError)
        XCTAssertTrue(status.standardOutput.contains("3  random on image 1/1 "), status.standardOutput)
        XCTAssertTrue(status.standardOutput.contains(": failed: ended without finishing (its state is kept at step "), status.standardOutput)
        XCTAssertTrue(status.standardOutput.contains(") (Slurm: FAILED, exit code "), "sacct says how it ended: " + status.standardOutput)
        XCTAssertTrue(status.standardOutput.contains("(log: \(log.path))"), status.standardOutput)
        XCTAssertTrue(status.standardOutput.contains("0  baseline adjoint on image 1/1 "), status.standardOutput)
        let report = try String(contentsOf: journal.appendingPathComponent("slurm/logs/report.log"), encoding: .utf8)
        XCTAssertTrue(report.contains("the report is provisional"), report)

        try Self.assertResumingResubmitsTask3Alone(arguments, out: out, journal: journal, local: local)
    }

    /// `arguments --resume --executor slurm` into `out` submits only the plan's task 3, and the finished run's
    /// metrics equal those of the local run in `local`.
    static func assertResumingResubmitsTask3Alone(_ arguments: [String], out: URL, journal: URL, local: URL,
                                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let resumed = try StrainerProcess.run(arguments + ["--out", out.path, "--executor", "slurm", "--resume"], workingDirectory: StrainerProcess.repository,
                                              timeout: 60)
        XCTAssertEqual(resumed.status, 0, resumed.standardError, file: file, line: line)
        XCTAssertTrue(resumed.standardOutput.contains("(1 element(s), the plan's tasks 3)"), resumed.standardOutput, file: file, line: line)
        try waitForTheReport(under: out, journal: journal)
        XCTAssertEqual(try RunFolders.metricsWithoutTimes(under: out), try RunFolders.metricsWithoutTimes(under: local), file: file, line: line)
    }

    /// Runs `arguments` locally into `directory/local`, then submits the same with `--executor slurm` (and
    /// `slurmOptions`) into `directory/slurm`: the submission names `elements`, and once the report job has run, the
    /// Slurm run's `metrics.csv` equals the local one, times aside. Returns the Slurm run's folder and its journal.
    @discardableResult
    private func assertSlurmMatchesLocal(
        _ arguments: [String], in directory: URL, elements: String, slurmOptions: [String] = [],
        beforeSubmitting: (_ local: URL, _ out: URL) throws -> Void = { _, _ in },
        beforeWaiting: (_ submitted: StrainerProcess.Result, _ journal: URL) throws -> Void = { _, _ in },
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> (out: URL, journal: URL) {
        let local = directory.appendingPathComponent("local")
        let reference = try StrainerProcess.run(arguments + ["--out", local.path], workingDirectory: repository)
        XCTAssertEqual(reference.status, 0, reference.standardError, file: file, line: line)
        let out = directory.appendingPathComponent("slurm")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try beforeSubmitting(local, out)
        let submitted = try StrainerProcess.run(arguments + ["--out", out.path, "--executor", "slurm"] + slurmOptions,
                                                workingDirectory: repository, timeout: 60)
        XCTAssertEqual(submitted.status, 0, submitted.standardError, file: file, line: line)
        XCTAssertTrue(submitted.standardOutput.contains(elements), submitted.standardOutput, file: file, line: line)
        let journal = try XCTUnwrap(RunFolders.journal(under: out), file: file, line: line)
        try beforeWaiting(submitted, journal)
        try Self.waitForTheReport(under: out, journal: journal, file: file, line: line)
        XCTAssertEqual(try RunFolders.metricsWithoutTimes(under: out), try RunFolders.metricsWithoutTimes(under: local), file: file, line: line)
        return (out, journal)
    }

    /// Waits (up to 300 s) until the report job has written the run folder under `out` and removed `journal`; fails
    /// with the jobs' logs if it does not.
    static func waitForTheReport(under out: URL, journal: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date(timeIntervalSinceNow: 300)
        while (RunFolders.runs(under: out).isEmpty || FileManager.default.fileExists(atPath: journal.path)) && Date() < deadline {
            usleep(200_000)
        }
        XCTAssertFalse(RunFolders.runs(under: out).isEmpty, "no report after 300 s; the jobs' logs:\n\(logs(of: journal))",
                       file: file, line: line)
    }

    /// Every log of the run's jobs (in its journal), for a failure message.
    static func logs(of journal: URL) -> String {
        ((try? FileManager.default.contentsOfDirectory(at: journal.appendingPathComponent("slurm/logs"), includingPropertiesForKeys: nil)) ?? [])
            .compactMap { try? String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    func testAnUnknownPartitionIsSbatchsRefusalOnOneLineAndLeavesNothing() throws {
        try SlurmCluster.requireAvailable()
        let out = try scratchFolder()
        let result = try StrainerProcess.run(["compare", "denoise-faces-s01", "--prior", "random", "--images", "1", "--size", "16",
                                              "--out", out.path, "--executor", "slurm", "--slurm-partition", "no-such-partition"],
                                             workingDirectory: repository, timeout: 60)
        XCTAssertEqual(result.status, 1, result.standardError)
        let last = result.standardError.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(last.hasPrefix("error: sbatch refused the fits' job array ("), last)
        XCTAssertTrue(last.lowercased().contains("invalid partition"), last)
        XCTAssertNil(RunFolders.journal(under: out), "no journal is left behind")
    }

    func testWithoutSbatchTheSlurmExecutorSaysSoAndWritesNothing() throws {
        let out = try scratchFolder()
        try assertRefused(["compare", "denoise-faces-s01", "--prior", "random", "--images", "1", "--size", "16", "--out", out.path,
                           "--executor", "slurm"], in: repository, environment: ["PATH": "/nonexistent"],
                          mentioning: ["--executor slurm: sbatch is not on PATH; expected Slurm's client commands"])
        XCTAssertNil(RunFolders.journal(under: out))
    }

    func testSlurmOptionsNeedTheSlurmExecutor() throws {
        let result = try StrainerProcess.run(["compare", "denoise-faces-s01", "--slurm-partition", "debug"], workingDirectory: repository)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("--slurm-partition applies to --executor slurm"), result.standardError)
        let save = try StrainerProcess.run(["solve", "denoise-faces-s01", "--executor", "slurm", "--save", "x.png"], workingDirectory: repository)
        XCTAssertNotEqual(save.status, 0)
        XCTAssertTrue(save.standardError.contains("--save writes the reconstruction from this process"), save.standardError)
    }

    /// `solve --executor slurm`: one prior on one image, as one job and the report's, to the local run's metrics.
    func testASolveOnSlurmWritesTheMetricsOfTheSameSolveMadeLocally() throws {
        try SlurmCluster.requireAvailable()
        let directory = try scratchFolder()
        let arguments = ["solve", "denoise-faces-s01", "--prior", "random", "--size", "16", "--iterations", "100", "--evaluate-every", "25"]
        try assertSlurmMatchesLocal(arguments, in: directory, elements: "(1 element(s), the plan's tasks 0)")
    }
}
