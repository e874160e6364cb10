import Foundation
import INR
import XCTest

/// `strainer train-prior` interrupted with Ctrl-C and repeated with `--resume` writes the prior an uninterrupted
/// training writes.
final class TrainPriorResumeTests: XCTestCase {
    private var directory: URL!
    private let repository = StrainerProcess.repository

    override func setUpWithError() throws {
        directory = try scratchFolder()
    }

    /// Meta-learning (it also draws: the task order must continue too) on 3 faces with a toy network: thousands of
    /// steps, about a second without checkpoints.
    private func trainPrior(out: URL, _ extra: [String] = []) -> [String] {
        ["train-prior", "--dataset", "celeba-hq-178", "--images", "3", "--kind", "meta", "--outer-lr", "1e-3",
         "--iterations", "4000", "--size", "16", "--width", "16", "--layers", "3", "--out", out.path] + extra
    }

    func testAnInterruptedTrainingResumesToTheSamePrior() throws {
        let reference = directory.appendingPathComponent("reference.safetensors")
        let straight = try StrainerProcess.run(trainPrior(out: reference, ["--resume"]), workingDirectory: repository)
        XCTAssertEqual(straight.status, 0, straight.standardError)
        XCTAssertTrue(straight.standardError.contains("no training state to resume at \(reference.path).checkpoint; training from the start"),
                      straight.standardError)

        let prior = directory.appendingPathComponent("prior.safetensors")
        let checkpoint = directory.appendingPathComponent("prior.safetensors.checkpoint")
        let interrupted = try StrainerProcess.interrupt(trainPrior(out: prior, ["--checkpoint-seconds", "0"]),
                                                        workingDirectory: repository) {
            FileManager.default.fileExists(atPath: checkpoint.path)
        }
        XCTAssertEqual(interrupted.status, 128 + SIGINT, "the training ended before the interruption: make it longer")
        XCTAssertFalse(FileManager.default.fileExists(atPath: prior.path), "no prior from an interrupted training")
        let saved = try XCTUnwrap(Int(try XCTUnwrap(try SafeTensors.read(checkpoint).metadata["iteration"])))
        XCTAssertLessThan(saved, 4000)
        XCTAssertTrue(interrupted.standardError.hasSuffix("stopped by Ctrl-C (SIGINT): the training's state at step \(saved) is kept in "
                                                          + "\(checkpoint.path); repeat the command with --resume to continue from there\n"),
                      interrupted.standardError)

        let again = try StrainerProcess.run(trainPrior(out: prior), workingDirectory: repository)
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertTrue(again.standardError.contains("holds an interrupted training's state; --resume continues it"), again.standardError)

        let interruptedAgain = try StrainerProcess.interrupt(trainPrior(out: prior, ["--checkpoint-seconds", "0"]),
                                                             workingDirectory: repository) {
            FileManager.default.fileExists(atPath: checkpoint.path)
        }
        XCTAssertNotEqual(interruptedAgain.status, 0)
        let resumed = try StrainerProcess.run(trainPrior(out: prior, ["--resume"]), workingDirectory: repository)
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
        XCTAssertTrue(resumed.standardError.contains("resuming at step "), resumed.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint.path), "the checkpoint is removed once the prior is written")

        let expected = try SafeTensors.read(reference), found = try SafeTensors.read(prior)
        XCTAssertEqual(found.tensors, expected.tensors)
        XCTAssertEqual(found.metadata.filter { $0.key != "training_seconds" }, expected.metadata.filter { $0.key != "training_seconds" })
    }

    func testANegativeCheckpointIntervalIsRefused() throws {
        let result = try StrainerProcess.run(trainPrior(out: directory.appendingPathComponent("x"), ["--checkpoint-seconds=-1"]),
                                             workingDirectory: repository)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("--checkpoint-seconds is -1.0; expected a number of seconds ≥ 0"), result.standardError)
    }
}
