import Foundation
import INR
@testable import Priors
import SeededRandom
import XCTest

/// An interrupted prior training, resumed from its checkpoint, must end exactly where an uninterrupted one does.
final class TrainingCheckpointTests: XCTestCase {
    private struct Interrupted: Error {}

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    private func options(iterations: Int, seed: UInt64 = 5) throws -> PriorTraining.Options {
        PriorTraining.Options(architecture: try .siren(outputs: 3, width: 8, layers: 3), iterations: iterations, seed: seed,
                              learningRate: 1e-3, meta: .init(tasksPerStep: 2), measureEvery: 2)
    }

    private func train(_ kind: PriorKind, _ set: TrainingSet, _ options: PriorTraining.Options,
                       platform: [String: String] = ["cpu": "first"],
                       checkpoint: CheckpointPolicy? = nil, stopAfter: Int? = nil) throws -> PriorFile {
        try PriorTraining.train(kind: kind, on: set, dataset: "smooth", split: "train", options: options, suiteVersion: "test",
                                platform: platform, checkpoint: checkpoint) { step in
            if step.iteration == stopAfter { throw Interrupted() }
        }
    }

    private func parameters(_ prior: PriorFile) -> [Float] {
        switch prior.content {
        case let .sharedEncoder(model): model.encoder.parameters + model.decoders.flatMap(\.parameters)
        case let .network(network): network.parameters
        }
    }

    func testEveryKindResumesToTheBitsOfAnUninterruptedRun() throws {
        let set = try TrainingSet(images: smoothImages(count: 3, size: 8), digests: ["d0", "d1", "d2"])
        for kind in PriorKind.allCases {
            let url = folder.appendingPathComponent("\(kind.rawValue).checkpoint")
            let straight = try train(kind, set, try options(iterations: 6))
            // The first run aims further (8 steps) and is interrupted after step 3, the last one saved: the checkpoint
            // leaves out the length, so it continues towards the 6 steps asked for now.
            XCTAssertThrowsError(try train(kind, set, try options(iterations: 8),
                                           checkpoint: .init(url: url, interval: .steps(1), resume: false), stopAfter: 4))
            XCTAssertEqual(try TrainingCheckpoint.read(url).state.iteration, 3, "\(kind)")
            var firstSteps: [Int] = []
            let resumed = try PriorTraining.train(
                kind: kind, on: set, dataset: "smooth", split: "train", options: try options(iterations: 6), suiteVersion: "test",
                platform: ["cpu": "first"], checkpoint: .init(url: url, interval: .steps(100), resume: true)) { firstSteps.append($0.firstIteration) }
            XCTAssertEqual(firstSteps, [3, 3, 3], "\(kind): the resumed run makes steps 4…6 only")
            XCTAssertEqual(parameters(resumed), parameters(straight), "\(kind)")
            XCTAssertEqual(resumed.provenance?.trainingPSNRs, straight.provenance?.trainingPSNRs, "\(kind)")
            XCTAssertEqual(resumed.provenance?.iterations, 6)
            XCTAssertGreaterThan(try XCTUnwrap(resumed.provenance?.trainingSeconds), 0)
        }
    }

    /// A stop request (Ctrl-C in the CLI) saves the state of the step just made, though no periodic save is due,
    /// and ends the training with ``TrainingStopped``; resumed, it ends where an uninterrupted run does.
    func testAStopRequestSavesTheStateAndStops() throws {
        let set = try TrainingSet(images: smoothImages(count: 3, size: 8), digests: ["d0", "d1", "d2"])
        let url = folder.appendingPathComponent("stopped.checkpoint")
        let straight = try train(.strainer, set, try options(iterations: 6))
        let asked = CallCounter()
        let stopAtThirdQuestion: @Sendable () -> Bool = { asked.increment() == 3 }
        XCTAssertThrowsError(try train(.strainer, set, try options(iterations: 6),
                                       checkpoint: .init(url: url, interval: .seconds(3600), resume: false,
                                                         isStopRequested: stopAtThirdQuestion))) { error in
            XCTAssertEqual(error as? TrainingStopped, TrainingStopped(iteration: 3, checkpoint: url))
        }
        XCTAssertEqual(try TrainingCheckpoint.read(url).state.iteration, 3)
        let resumed = try train(.strainer, set, try options(iterations: 6), checkpoint: .init(url: url, interval: .seconds(3600), resume: true))
        XCTAssertEqual(parameters(resumed), parameters(straight))
    }

    func testACheckpointOfAnotherTrainingIsRefused() throws {
        let set = try TrainingSet(images: smoothImages(count: 2, size: 8), digests: ["d0", "d1"])
        let url = folder.appendingPathComponent("prior.checkpoint")
        // Interrupted after step 2: the checkpoint holds step 1 (a step is saved after its progress report).
        XCTAssertThrowsError(try train(.strainer, set, try options(iterations: 5),
                                       checkpoint: .init(url: url, interval: .steps(1), resume: false), stopAfter: 2))
        XCTAssertThrowsError(try train(.strainer, set, try options(iterations: 5, seed: 6),
                                       checkpoint: .init(url: url, interval: .steps(1), resume: true))) { error in
            XCTAssertTrue("\(error)".contains("\(url.path): holds the state of another training"), "\(error)")
        }
        XCTAssertThrowsError(try train(.meta, set, try options(iterations: 5),
                                       checkpoint: .init(url: url, interval: .steps(1), resume: true))) { error in
            XCTAssertTrue("\(error)".contains("another training"), "\(error)")
        }
        XCTAssertThrowsError(try train(.strainer, set, try options(iterations: 5), platform: ["cpu": "second"],
                                       checkpoint: .init(url: url, interval: .steps(1), resume: true))) { error in
            XCTAssertTrue("\(error)".contains("suite version or machine); run without --resume"), "\(error)")
        }
        XCTAssertThrowsError(try train(.strainer, set, try options(iterations: 1),
                                       checkpoint: .init(url: url, interval: .steps(1), resume: true))) { error in
            XCTAssertTrue("\(error)".contains("is at step 1; --iterations 1 leaves nothing to do"), "\(error)")
        }
        // Without resume the checkpoint is not read: training starts afresh and replaces it.
        let fresh = try train(.strainer, set, try options(iterations: 5, seed: 6),
                              checkpoint: .init(url: url, interval: .steps(1), resume: false))
        XCTAssertEqual(fresh.provenance?.seed, 6)
    }

    func testADamagedCheckpointNamesTheFile() throws {
        let set = try TrainingSet(images: smoothImages(count: 2, size: 8), digests: ["d0", "d1"])
        let url = folder.appendingPathComponent("prior.checkpoint")
        let prior = try train(.fitted, set, try options(iterations: 2))
        try prior.write(to: url)  // a prior file, not a checkpoint
        XCTAssertThrowsError(try TrainingCheckpoint.read(url)) { error in
            XCTAssertTrue("\(error)".contains("\(url.path): has format 'none'"), "\(error)")
            XCTAssertTrue("\(error)".contains("delete it to start afresh"), "\(error)")
        }
        XCTAssertThrowsError(try train(.fitted, set, try options(iterations: 5),
                                       checkpoint: .init(url: url, interval: .steps(1), resume: false), stopAfter: 2))
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        XCTAssertThrowsError(try train(.fitted, set, try options(iterations: 5),
                                       checkpoint: .init(url: url, interval: .steps(1), resume: true))) { error in
            XCTAssertTrue("\(error)".contains(url.path), "\(error)")
        }
    }

    func testAStateWithMissingOrMisshapedPartsIsRefused() throws {
        let set = try TrainingSet(images: smoothImages(count: 2, size: 8))
        let model = try SharedEncoder(architecture: try .siren(outputs: 3, width: 8, layers: 3), decoderCount: 2, seed: 0)
        let trainer = try SharedEncoderTrainer(model: model, trainingSet: set)
        var state = trainer.trainingState
        XCTAssertEqual(state.parts.keys.sorted(), ["decoders.0", "decoders.1", "encoder"])
        state.parts["decoders.1"]?.parameters.removeLast()
        XCTAssertThrowsError(try trainer.restore(state)) { error in
            XCTAssertTrue("\(error)".contains("part 'decoders.1' holds"), "\(error)")
        }
        state.parts["decoders.1"] = nil
        state.parts["decoders.7"] = trainer.trainingState.parts["decoders.0"]
        XCTAssertThrowsError(try trainer.restore(state)) { error in
            XCTAssertTrue("\(error)".contains("has no part 'decoders.1'"), "\(error)")
        }
    }

    func testARandomSourceContinuesFromItsStateWords() {
        var source = RandomSource(seed: 42)
        _ = source.next()
        var copy = RandomSource(stateWords: source.stateWords)!
        XCTAssertEqual((0..<5).map { _ in copy.next() }, (0..<5).map { _ in source.next() })
        XCTAssertNil(RandomSource(stateWords: [0, 0, 0, 0]))
        XCTAssertNil(RandomSource(stateWords: [1, 2, 3]))
    }
}

/// A counter a `@Sendable` closure can bump.
private final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Adds one and returns the new count.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
