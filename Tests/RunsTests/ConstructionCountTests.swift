import Foundation
import Problems
import Runs
import XCTest

/// One way from a problem file to a run: a whole `compare` run, in-process, makes each object its problem file names
/// once, counted where ``ProblemBuilders`` makes them (every object a problem's run builds from its specifications
/// is made there).
final class ConstructionCountTests: XCTestCase {
    /// How many of each object the builders made, whatever the thread.
    private final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var made: [String: Int] = [:]

        /// What was made so far, by kind.
        var snapshot: [String: Int] { lock.withLock { made } }

        private func add(_ kind: String) { lock.withLock { made[kind, default: 0] += 1 } }

        /// `builders`, each of its makers counting what it makes.
        func counting(_ builders: ProblemBuilders) -> ProblemBuilders {
            var counted = builders
            counted.makeOperator = { self.add("operator"); return try builders.makeOperator($0, $1) }
            counted.makeNoise = { self.add("noise"); return try builders.makeNoise($0, $1) }
            counted.makeBaseline = { self.add("baseline"); return try builders.makeBaseline($0, $1) }
            counted.makeArchitecture = { self.add("architecture"); return try builders.makeArchitecture($0, $1, $2) }
            counted.makeSolverOptions = { self.add("solver options"); return builders.makeSolverOptions($0) }
            return counted
        }
    }

    /// `denoise-faces-s01` (one operator, one noise model, three baselines: adjoint, tv, bm3d) on two faces from a
    /// random SIREN, run to its report with `jobs` fits at once; what its builders made.
    private func compare(jobs: Int) throws -> [String: Int] {
        let out = try scratchFolder()
        let request = SmallComparison.request(under: out)
        let counts = Counts()
        let prepared = try request.prepare(builders: counts.counting(.standard))
        let configuration = RunConfiguration(command: "strainer compare", arguments: [request.problemID],
                                             request: .problem(request, withBaselines: true, priorLimit: nil))
        let written = try prepared.run(configuration, resumption: Resumption(), jobs: jobs)
        XCTAssertEqual(written.outcome.curves.count, 2 * 4, "two faces, three baselines and a prior each")
        XCTAssertTrue(FileManager.default.fileExists(atPath: written.folder.appendingPathComponent("report.html").path))
        return counts.snapshot
    }

    /// One fit at a time: the operator, the noise model, the architecture and the solver's options (its schedule
    /// among them) are made once for the run, and each of the three baselines once — not again when the file is
    /// checked, changed by the command line, or set up, nor for each image.
    func testACompareRunMakesEachObjectOnce() throws {
        XCTAssertEqual(try compare(jobs: 1), ["operator": 1, "noise": 1, "architecture": 1, "solver options": 1, "baseline": 3])
    }

    /// Two fits at once: each fit running beside another is given an operator of its own, as it must be (an operator
    /// works in scratch buffers of its own, so one instance serves one thread at a time: Operators' README); here the
    /// two fits (two faces, one prior) each get one besides the run's. Everything else is still made once.
    func testFitsRunningTogetherEachHaveAnOperatorOfTheirOwnAndShareTheRest() throws {
        XCTAssertEqual(try compare(jobs: 2), ["operator": 1 + 2, "noise": 1, "architecture": 1, "solver options": 1, "baseline": 3])
    }
}
