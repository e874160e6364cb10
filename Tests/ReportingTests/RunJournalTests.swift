import Foundation
import XCTest
import Imaging
@testable import Reporting

final class RunJournalTests: XCTestCase {
    private var results: URL!

    override func setUp() {
        results = scratchResults()
    }

    private func entry(image: String, method: String) -> RunJournal.Entry {
        RunJournal.Entry(curve: MethodCurve(problem: "denoise/faces", image: image, method: method, kind: .prior, points: [
            CurvePoint(iteration: 0, psnr: 10.5, ssim: 0.06, loss: 0.25, seconds: 0),
            CurvePoint(iteration: 50, psnr: 31.25, ssim: nil, loss: 1.0 / 3.0, seconds: 12.125),
        ], discrepancyStop: 50), caption: "\(method) (best, step 50)")
    }

    /// Reconstructions overshoot [0, 1] and carry every bit of a Float: the journal must keep them unrounded.
    private var reconstruction: Image {
        var image = Image(height: 3, width: 4, channels: 3)
        for index in image.pixels.indices { image.pixels[index] = Float(index) * 0.1234567 - 0.3 }
        image.pixels[5] = .leastNonzeroMagnitude
        return image
    }

    func testAFinishedFitIsReadBackExactlyByALaterProcessWithTheSameIdentity() throws {
        let writer = RunJournal(results: results, problem: "denoise/faces", configuration: "seed: 0\n", build: "b1")
        XCTAssertNil(try writer.entry(image: "a", method: "strainer"))
        try writer.record(entry(image: "a", method: "strainer"), reconstruction: reconstruction)

        let reader = RunJournal(results: results, problem: "denoise/faces", configuration: "seed: 0\n", build: "b1")
        XCTAssertEqual(reader.folder.path, writer.folder.path)
        XCTAssertEqual(reader.finishedCount, 1)
        let (kept, image) = try XCTUnwrap(try reader.entry(image: "a", method: "strainer"))
        XCTAssertEqual(kept, entry(image: "a", method: "strainer"))
        XCTAssertEqual(image.pixels.map(\.bitPattern), reconstruction.pixels.map(\.bitPattern))
        XCTAssertEqual([image.height, image.width, image.channels], [3, 4, 3])
        XCTAssertFalse(reader.contains(image: "a", method: "random"))
        XCTAssertFalse(reader.contains(image: "b", method: "strainer"))
    }

    func testNamesThatMapToTheSameFileNameStayApart() throws {
        let journal = RunJournal(results: results, problem: "p", configuration: "x", build: "b1")
        try journal.record(entry(image: "a/b", method: "m"), reconstruction: reconstruction)
        try journal.record(entry(image: "a_b", method: "m"), reconstruction: reconstruction)
        XCTAssertEqual(journal.finishedCount, 2)
        XCTAssertEqual(try journal.entry(image: "a/b", method: "m")?.entry.curve.image, "a/b")
        XCTAssertEqual(try journal.entry(image: "a_b", method: "m")?.entry.curve.image, "a_b")
    }

    func testAnotherConfigurationNeverSeesTheFits() throws {
        let first = RunJournal(results: results, problem: "p", configuration: "iterations: 500\n", build: "b1")
        try first.record(entry(image: "a", method: "m"), reconstruction: reconstruction)
        let second = RunJournal(results: results, problem: "p", configuration: "iterations: 2000\n", build: "b1")
        XCTAssertNotEqual(second.folder.path, first.folder.path)
        XCTAssertEqual(second.finishedCount, 0)
        XCTAssertNil(try second.entry(image: "a", method: "m"))
    }

    func testAnotherBuildsJournalOfTheSameConfigurationIsFoundAndTakenOver() throws {
        let older = RunJournal(results: results, problem: "p", configuration: "seed: 0\n", build: "b1")
        try older.record(entry(image: "a", method: "m"), reconstruction: reconstruction)
        try older.keepUnfinished(image: "b", method: "m") { try Data("state".utf8).write(to: $0) }
        let otherConfiguration = RunJournal(results: results, problem: "p", configuration: "seed: 1\n", build: "b1")
        try otherConfiguration.record(entry(image: "a", method: "m"), reconstruction: reconstruction)

        let newer = RunJournal(results: results, problem: "p", configuration: "seed: 0\n", build: "b2")
        XCTAssertNotEqual(newer.folder, older.folder, "a build never reads another's journal unasked")
        XCTAssertEqual(newer.finishedCount, 0)
        XCTAssertEqual(newer.otherBuilds().map(\.folder.lastPathComponent), [older.folder.lastPathComponent])
        XCTAssertEqual(newer.otherBuilds().map(\.build), ["b1"])
        XCTAssertEqual(older.otherBuilds().count, 0, "its own build and other configurations do not count")

        try newer.adopt(try XCTUnwrap(newer.otherBuilds().first))
        XCTAssertFalse(FileManager.default.fileExists(atPath: older.folder.path))
        XCTAssertEqual(newer.finishedCount, 1)
        XCTAssertEqual(newer.unfinishedCount, 1)
        XCTAssertEqual(try Data(contentsOf: newer.unfinishedFile(image: "b", method: "m")), Data("state".utf8))
        XCTAssertEqual(try newer.entry(image: "a", method: "m")?.entry, entry(image: "a", method: "m"))
        XCTAssertEqual(try String(contentsOf: newer.folder.appendingPathComponent("build.sha256"), encoding: .utf8), "b2")
        XCTAssertEqual(otherConfiguration.finishedCount, 1, "another configuration's journal is untouched")
    }

    func testDiscardRemovesOnlyItsOwnFolder() throws {
        let kept = RunJournal(results: results, problem: "p", configuration: "one", build: "b1")
        let done = RunJournal(results: results, problem: "p", configuration: "two", build: "b1")
        try kept.record(entry(image: "a", method: "m"), reconstruction: reconstruction)
        try done.record(entry(image: "a", method: "m"), reconstruction: reconstruction)
        done.discard()
        XCTAssertFalse(FileManager.default.fileExists(atPath: done.folder.path))
        XCTAssertEqual(kept.finishedCount, 1)
        kept.discard()
        XCTAssertFalse(FileManager.default.fileExists(atPath: results.appendingPathComponent(".journal").path),
                       "the last journal takes .journal/ with it")
    }

    func testADamagedEntryNamesTheFileAndTheWayOut() throws {
        let journal = RunJournal(results: results, problem: "p", configuration: "x", build: "b1")
        try journal.record(entry(image: "a", method: "m"), reconstruction: reconstruction)
        let json = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: journal.folder.path).first { $0.hasSuffix(".json") })
        try Data("{\"curve\": 3}".utf8).write(to: journal.folder.appendingPathComponent(json))
        XCTAssertThrowsError(try journal.entry(image: "a", method: "m")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix(journal.folder.appendingPathComponent(json).path + ": not a journal entry"), message)
            XCTAssertTrue(message.contains("delete \(journal.folder.path) to start the run afresh"), message)
        }
    }
}
