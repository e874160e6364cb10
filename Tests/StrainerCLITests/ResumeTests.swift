import Foundation
import INR
import XCTest

/// A comparison interrupted with Ctrl-C and repeated with `--resume` reuses the fits it finished, continues the one
/// it left unfinished (its state kept when it stopped, or by its periodic save), and reports what an uninterrupted
/// run reports.
final class ResumeTests: XCTestCase {
    private var directory: URL!
    private let repository = StrainerProcess.repository

    override func setUpWithError() throws {
        directory = try scratchFolder()
    }

    /// Three faces, one prior, fits of about half a second each: long enough to be interrupted between two fits.
    private func comparePriors(out: URL) -> [String] {
        ["compare-priors", "--dataset", "celeba-hq-178", "--images", "3", "--iterations", "600", "--evaluate-every", "200",
         "--prior", "random", "--size", "32", "--width", "64", "--layers", "3", "--out", out.path]
    }

    func testAnInterruptedComparisonResumesWithTheSameNumbers() throws {
        let uninterrupted = directory.appendingPathComponent("uninterrupted")
        let reference = try StrainerProcess.run(comparePriors(out: uninterrupted), workingDirectory: repository)
        XCTAssertEqual(reference.status, 0, reference.standardError)
        XCTAssertTrue(reference.standardError.contains("finished fits are kept in "), reference.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: uninterrupted.appendingPathComponent(".journal").path),
                       "a finished run removes its journal")

        let out = directory.appendingPathComponent("interrupted")
        let interrupted = try StrainerProcess.interrupt(comparePriors(out: out), workingDirectory: repository) {
            !RunFolders.journalEntries(under: out).isEmpty
        }
        XCTAssertEqual(interrupted.status, 128 + SIGINT, interrupted.standardError)
        XCTAssertTrue(interrupted.standardError.contains("stopped by Ctrl-C (SIGINT): the finished fits and the running fits' state are kept in "
                                                         + "\(out.path)/.journal/"), interrupted.standardError)
        XCTAssertTrue(interrupted.standardError.hasSuffix("; repeat the command with --resume to continue from there\n"), interrupted.standardError)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [".journal"], "no report from an interrupted run")
        let kept = RunFolders.journalEntries(under: out)
        XCTAssertEqual(kept.count, 1, "interrupted during the second fit")
        XCTAssertEqual(RunFolders.unfinishedStates(under: out).count, 1,
                       "the second fit keeps its state when stopped (its periodic save, every 60 s, never came)")

        // The journal's provisional table: the first image's fit, as the uninterrupted run measured it.
        let provisional = try StrainerProcess.run(["report", kept[0].deletingLastPathComponent().path], workingDirectory: repository)
        XCTAssertEqual(provisional.status, 0, provisional.standardError)
        XCTAssertTrue(provisional.standardOutput.hasPrefix("Provisional: 1 fit(s) finished; 1 of 1 image(s) finished by every method (random)"),
                      provisional.standardOutput)
        let firstImage = try RunFolders.metricsWithoutTimes(under: uninterrupted).filter { $0.contains(",female_058881_ref,random,") }
        let best = try XCTUnwrap(firstImage.compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[5]) }.max())
        XCTAssertTrue(provisional.standardOutput.contains("| " + String(format: "%.2f", best)), provisional.standardOutput)
        XCTAssertTrue(provisional.standardOutput.contains("\nrunning: female_064119_ref--random-"), provisional.standardOutput)

        // Mark the kept fit, to see that the resumed run reads it rather than fitting that image again.
        var entry = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: kept[0])) as? [String: Any])
        var curve = try XCTUnwrap(entry["curve"] as? [String: Any])
        var points = try XCTUnwrap(curve["points"] as? [[String: Any]])
        points[0]["psnr"] = 99.0
        curve["points"] = points
        entry["curve"] = curve
        try JSONSerialization.data(withJSONObject: entry).write(to: kept[0])

        let resumed = try StrainerProcess.run(comparePriors(out: out) + ["--resume"], workingDirectory: repository)
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
        XCTAssertTrue(resumed.standardError.contains("resuming: 1 finished and 1 unfinished fit(s) of an interrupted run are reused"),
                      resumed.standardError)
        XCTAssertTrue(resumed.standardError.contains("image 2/3 female_064119_ref, random: continuing from step "), resumed.standardError)
        XCTAssertTrue(resumed.standardError.contains("image 1/3 female_058881_ref, random: taken from the journal"), resumed.standardError)
        XCTAssertFalse(resumed.standardError.contains("image 1/3 female_058881_ref, random: best PSNR"), resumed.standardError)

        let expected = try RunFolders.metricsWithoutTimes(under: uninterrupted)
        let got = try RunFolders.metricsWithoutTimes(under: out)
        XCTAssertEqual(got.count, expected.count)
        XCTAssertEqual(got.count, 1 + 3 * 4, "header + 3 images × (0, 200, 400, 600)")
        let marked = try XCTUnwrap(got.firstIndex { $0.contains(",female_058881_ref,random,prior,0,") })
        XCTAssertTrue(got[marked].contains(",prior,0,99.0,"), got[marked])
        for (index, row) in got.enumerated() where index != marked {
            XCTAssertEqual(row, expected[index], "same seed, same bits: a resumed run reports what an uninterrupted one does")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent(".journal").path))
    }

    /// One fit of 1500 steps, its state kept after every step: interrupted past its second evaluation, it continues
    /// from there.
    func testAnInterruptedFitContinuesFromItsKeptState() throws {
        let arguments = ["compare-priors", "--dataset", "celeba-hq-178", "--images", "1", "--iterations", "1500",
                         "--evaluate-every", "250", "--prior", "random", "--size", "32", "--width", "64", "--layers", "3"]
        let uninterrupted = directory.appendingPathComponent("uninterrupted")
        let reference = try StrainerProcess.run(arguments + ["--out", uninterrupted.path], workingDirectory: repository)
        XCTAssertEqual(reference.status, 0, reference.standardError)

        let out = directory.appendingPathComponent("interrupted")
        let interrupted = try StrainerProcess.interrupt(arguments + ["--out", out.path, "--checkpoint-seconds", "0"],
                                                        workingDirectory: repository) {
            let saved = RunFolders.unfinishedStates(under: out).first.flatMap { try? SafeTensors.read($0) }
            return saved.flatMap { $0.metadata["iteration"] }.flatMap { Int($0) }.map { $0 > 300 } ?? false
        }
        XCTAssertNotEqual(interrupted.status, 0, "the fit ended before the interruption: make it longer")
        XCTAssertTrue(RunFolders.journalEntries(under: out).isEmpty, "interrupted during the fit")
        let state = try XCTUnwrap(RunFolders.unfinishedStates(under: out).first)
        var kept = try SafeTensors.read(state)
        let step = try XCTUnwrap(Int(try XCTUnwrap(kept.metadata["iteration"])))
        XCTAssertLessThan(step, 1500)
        XCTAssertGreaterThan(step, 300)

        // Mark the kept curve's first PSNR, to see that the resumed fit continues the kept state.
        var evaluations = try XCTUnwrap(kept.metadata["evaluations"]).split(separator: "\n").map(String.init)
        var first = evaluations[0].split(separator: " ").map(String.init)
        first[1] = "99.0"
        evaluations[0] = first.joined(separator: " ")
        kept.metadata["evaluations"] = evaluations.joined(separator: "\n")
        try kept.write(to: state)

        let resumed = try StrainerProcess.run(arguments + ["--out", out.path, "--resume"], workingDirectory: repository)
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
        XCTAssertTrue(resumed.standardError.contains("resuming: 0 finished and 1 unfinished fit(s) of an interrupted run"),
                      resumed.standardError)
        XCTAssertTrue(resumed.standardError.contains("image 1/1 female_058881_ref, random: continuing from step \(step), kept in the journal"),
                      resumed.standardError)

        let expected = try RunFolders.metricsWithoutTimes(under: uninterrupted)
        let got = try RunFolders.metricsWithoutTimes(under: out)
        XCTAssertEqual(got.count, 1 + 7, "header + (0, 250, …, 1500)")
        XCTAssertEqual(got.count, expected.count)
        XCTAssertTrue(got[1].contains(",prior,0,99.0,"), got[1])
        XCTAssertEqual(Array(got.dropFirst(2)), Array(expected.dropFirst(2)),
                       "same seed, same bits: a continued fit reports what an uninterrupted one does")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent(".journal").path))
    }

    /// A run interrupted under one build of the suite is left alone by `--resume` under another (its bits would
    /// mix), and taken over with `--resume-other-build`.
    func testAnotherBuildsRunIsContinuedOnlyWhenAskedTo() throws {
        // Another build: the same program with other bytes (trailing bytes do not change what an ELF file runs).
        let otherBuild = directory.appendingPathComponent("strainer-other-build")
        var bytes = try Data(contentsOf: StrainerProcess.productsDirectory.appendingPathComponent("strainer"))
        bytes.append(contentsOf: Array("another build".utf8))
        try bytes.write(to: otherBuild)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: otherBuild.path)

        let uninterrupted = directory.appendingPathComponent("uninterrupted")
        XCTAssertEqual(try StrainerProcess.run(comparePriors(out: uninterrupted), workingDirectory: repository).status, 0)
        let out = directory.appendingPathComponent("interrupted")
        let interrupted = try StrainerProcess.interrupt(comparePriors(out: out), workingDirectory: repository, executable: otherBuild) {
            !RunFolders.journalEntries(under: out).isEmpty
        }
        XCTAssertEqual(interrupted.status, 128 + SIGINT, interrupted.standardError)
        let otherJournal = try XCTUnwrap(RunFolders.journalEntries(under: out).first).deletingLastPathComponent()

        try FileManager.default.copyItem(at: out, to: directory.appendingPathComponent("declined-copy"))
        let leftAlone = try StrainerProcess.run(comparePriors(out: directory.appendingPathComponent("declined-copy")) + ["--resume"],
                                                workingDirectory: repository)
        XCTAssertEqual(leftAlone.status, 0, leftAlone.standardError)
        XCTAssertTrue(leftAlone.standardError.contains("was made by another build of strainer"), leftAlone.standardError)
        XCTAssertTrue(leftAlone.standardError.contains("Add --resume-other-build to continue it instead"), leftAlone.standardError)
        XCTAssertEqual(RunFolders.journalEntries(under: directory.appendingPathComponent("declined-copy")).count, 1,
                       "the other build's journal is left as it was")

        let taken = try StrainerProcess.run(comparePriors(out: out) + ["--resume-other-build"], workingDirectory: repository)
        XCTAssertEqual(taken.status, 0, taken.standardError)
        XCTAssertTrue(taken.standardError.contains("--resume-other-build: 1 finished and 1 unfinished fit(s) of an interrupted run made by "
                                                   + "another build of strainer"), taken.standardError)
        XCTAssertTrue(taken.standardError.contains("image 1/3 female_058881_ref, random: taken from the journal"), taken.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: otherJournal.path), "taken over, the other build's folder is gone")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent(".journal").path))
        XCTAssertEqual(try RunFolders.metricsWithoutTimes(under: out), try RunFolders.metricsWithoutTimes(under: uninterrupted))
    }

    func testANegativeCheckpointIntervalIsRefused() throws {
        for command in [["compare-priors", "--dataset", "celeba-hq-178", "--prior", "random"], ["compare", "denoise-faces-s01"]] {
            let result = try StrainerProcess.run(command + ["--checkpoint-seconds=-1", "--out", directory.path], workingDirectory: repository)
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.standardError.contains("--checkpoint-seconds is -1.0; expected a number of seconds ≥ 0"), result.standardError)
        }
    }

    /// `compare` (a problem with baselines) journals the same way; without `--resume` the journal is only replaced.
    func testWithoutResumeAnInterruptedRunsFitsAreNotReused() throws {
        let out = try scratchFolder()
        let compare = ["compare", "denoise-faces-s01", "--images", "2", "--size", "32", "--iterations", "60", "--evaluate-every", "20",
                       "--prior", "random", "--out", out.path]
        let interrupted = try StrainerProcess.interrupt(compare, workingDirectory: repository) {
            !RunFolders.journalEntries(under: out).isEmpty
        }
        XCTAssertNotEqual(interrupted.status, 0, "the run ended before the interruption: make its fits longer")

        let again = try StrainerProcess.run(compare, workingDirectory: repository)
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertTrue(again.standardError.contains("an interrupted run of this configuration left "), again.standardError)
        XCTAssertTrue(again.standardError.contains("they are not reused (repeat the command with --resume for that)"), again.standardError)
        XCTAssertFalse(again.standardError.contains("taken from the journal"), again.standardError)

        let changed = try StrainerProcess.run(compare + ["--iterations", "40", "--resume"], workingDirectory: repository)
        XCTAssertEqual(changed.status, 0, changed.standardError)
        XCTAssertTrue(changed.standardError.contains("--resume: no interrupted run of this configuration and build"), changed.standardError)
    }
}
