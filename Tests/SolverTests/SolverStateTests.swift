import Foundation
import XCTest
import Imaging
import INR
@testable import Solver

/// A solver restored from its saved state (through the file) continues the run it was saved from, bit for bit; a
/// state that is not this solver's is refused, naming what differs.
extension INRSolverTests {
    /// A blur problem with TV, a cosine schedule (the rate depends on the step) and a discrepancy stop before the
    /// save, so that every part of the state is exercised.
    private func stateProblem() throws -> (InverseProblem, SolverOptions) {
        let options = SolverOptions(iterations: 30, schedule: .cosine(iterations: 30, floor: 0), evaluateEvery: 4,
                                    totalVariationWeight: 0.1, discrepancyTarget: 40)
        return (try blurProblem(), options)
    }

    private func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("SolverState-\(UUID().uuidString).safetensors")
    }

    func testARestoredSolverContinuesTheSameRunBitForBit() throws {
        let (problem, options) = try stateProblem()
        let straight = try INRSolver(network: try network(channels: 2, seed: 11), problem: problem, options: options)
        var saved: SolverState?
        let expected = try straight.run { step in
            if step.iteration == 13 { saved = straight.state }
        }
        let state = try XCTUnwrap(saved)
        XCTAssertEqual(state.iteration, 13)
        let stop = try XCTUnwrap(state.discrepancyStop, "the discrepancy target is reached before the save")
        XCTAssertLessThan(stop, 13)

        let file = temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        try state.write(to: file)
        let read = try SolverState.read(file)
        XCTAssertEqual(read, state, "the file holds the state to the bit")

        // Another starting network: everything the continued run depends on comes from the state.
        let resumed = try INRSolver(network: try network(channels: 2, seed: 99), problem: problem, options: options)
        try resumed.restore(read)
        let got = try resumed.run()

        XCTAssertEqual(resumed.network.parameters, straight.network.parameters)
        XCTAssertEqual(got.finalImage, expected.finalImage)
        XCTAssertEqual(got.bestImage, expected.bestImage)
        XCTAssertEqual(got.discrepancyStop, expected.discrepancyStop)
        XCTAssertEqual(got.stepSeconds.prefix(13), expected.stepSeconds.prefix(13), "the saved steps keep their times")
        XCTAssertEqual(got.evaluations.count, expected.evaluations.count)
        for (a, b) in zip(got.evaluations, expected.evaluations) {
            XCTAssertEqual([Double(a.iteration), a.psnr, a.ssim ?? -1, a.loss], [Double(b.iteration), b.psnr, b.ssim ?? -1, b.loss])
            if a.iteration <= 13 { XCTAssertEqual(a.seconds, b.seconds) }
        }
        XCTAssertEqual(got.best.iteration, expected.best.iteration)
    }

    func testAStateOfAnotherNetworkOrRunIsRefused() throws {
        let (problem, options) = try stateProblem()
        let solver = try INRSolver(network: try network(channels: 2, seed: 11), problem: problem, options: options)
        _ = try? solver.run { step in if step.iteration == 3 { throw CancellationError() } }
        XCTAssertEqual(solver.iteration, 3)
        var state = solver.state
        let fresh = try INRSolver(network: try network(channels: 2, seed: 11), problem: problem, options: options)

        state.parameters.removeLast()
        XCTAssertThrowsError(try fresh.restore(state)) { error in
            XCTAssertTrue("\(error)".contains("restored solver state: expected \(solver.network.layout.count) parameters"), "\(error)")
            XCTAssertTrue("\(error)".contains("found \(solver.network.layout.count - 1) parameters"), "\(error)")
        }
        state = solver.state
        state.iteration = 31
        XCTAssertThrowsError(try fresh.restore(state)) { error in
            XCTAssertTrue("\(error)".contains("at most 30 steps"), "\(error)")
        }
        XCTAssertEqual(fresh.iteration, 0, "a refused state changes nothing")
    }

    func testAFileThatIsNotASolverStateIsRefusedByName() throws {
        let file = temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        try SafeTensors(metadata: ["format": "strainer-training-checkpoint-1"], tensors: [:]).write(to: file)
        XCTAssertThrowsError(try SolverState.read(file)) { error in
            XCTAssertEqual("\(error)", "\(file.path): has format 'strainer-training-checkpoint-1'; expected the state of an "
                               + "unfinished fit saved by this solver (delete it to start the fit afresh)")
        }
        let (problem, options) = try stateProblem()
        let solver = try INRSolver(network: try network(channels: 2, seed: 11), problem: problem, options: options)
        _ = try? solver.run { step in if step.iteration == 5 { throw CancellationError() } }
        try solver.state.write(to: file)
        var damaged = try SafeTensors.read(file)
        damaged.metadata["evaluations"] = "0 12.5 x 1 0"
        try damaged.write(to: file)
        XCTAssertThrowsError(try SolverState.read(file)) { error in
            XCTAssertTrue("\(error)".contains("lacks a readable 'evaluations' entry"), "\(error)")
        }
    }
}
