import Foundation
import Reporting
@testable import Runs
import Solver
import XCTest

/// Resume in-process: a run taken up from its journal ends with the bits of an uninterrupted run.
final class ResumingTests: XCTestCase {
    /// Fits the journal holds are read back, not run again: even their seconds are the first run's.
    func testFinishedFitsAreTakenFromTheJournal() throws {
        let out = try scratchFolder()
        let prepared = try SmallComparison.prepared(under: out)
        let first = try SmallComparison.run(prepared, journal: SmallComparison.journal(under: out))
        let journal = SmallComparison.journal(under: out)
        XCTAssertEqual(journal.finishedCount, 8)
        let resumed = try SmallComparison.run(prepared, journal: journal, reusing: true)
        XCTAssertEqual(bits(of: resumed, timed: true), bits(of: first, timed: true))
        XCTAssertEqual(pixels(of: resumed), pixels(of: first))
    }

    /// A run stopped (as by SIGTERM) while fitting keeps the running fit's state; taken up again, that fit continues
    /// from its state (the steps before it keep the first process's seconds) and ends with the bits of an
    /// uninterrupted run.
    func testAStoppedFitContinuesFromItsStateToTheSameBits() throws {
        let out = try scratchFolder()
        let prepared = try SmallComparison.prepared(under: out)
        let uninterrupted = try SmallComparison.run(prepared)

        let journal = SmallComparison.journal(under: out)
        let stopper = Thread {
            while journal.unfinishedCount == 0 { usleep(1000) }
            StopRequest.handle(SIGTERM)
        }
        stopper.start()
        XCTAssertThrowsError(try SmallComparison.run(prepared, journal: journal)) { error in
            XCTAssertEqual((error as? StopRequest.Interrupted)?.signal, SIGTERM, "\(error)")
        }
        let kept = try XCTUnwrap(journal.unfinishedFiles.first)
        let state = try SolverState.read(kept)
        XCTAssertGreaterThan(state.iteration, 0)

        let resumed = try SmallComparison.run(prepared, journal: journal, reusing: true)
        XCTAssertEqual(bits(of: resumed), bits(of: uninterrupted))
        XCTAssertEqual(pixels(of: resumed), pixels(of: uninterrupted))
        let method = kept.deletingPathExtension().lastPathComponent
        let curve = try XCTUnwrap(resumed.curves.first { $0.kind == .prior && state.evaluations.count > 0
            && $0.points.prefix(state.evaluations.count).map(\.seconds) == state.evaluations.map(\.seconds) }, "no curve continues \(method)")
        XCTAssertGreaterThan(curve.points.count, state.evaluations.count)
    }
}
