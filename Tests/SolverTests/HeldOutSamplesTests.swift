import XCTest
import Imaging
import INR
import Operators
@testable import Solver

/// Hold-out validation: which samples are held out, and that they take no part in the fit while their loss is
/// measured exactly.
final class HeldOutSamplesTests: XCTestCase {
    /// round(f·P) positions of P, every channel of each, the same set for the same seed and another for another.
    func testTheSetIsSeededWholePositions() throws {
        let shape = ImageShape(height: 10, width: 12, channels: 3)
        let held = try HeldOutSamples(fraction: 0.1, seed: 4, shape: shape)
        XCTAssertEqual(held.count, 12 * 3)
        XCTAssertEqual(held.mask.filter { $0 }.count, held.count)
        for position in 0..<shape.pixelCount {
            XCTAssertEqual(Set((0..<3).map { held.mask[position * 3 + $0] }).count, 1, "a position's channels go together")
        }
        XCTAssertEqual(try HeldOutSamples(fraction: 0.1, seed: 4, shape: shape), held)
        XCTAssertNotEqual(try HeldOutSamples(fraction: 0.1, seed: 5, shape: shape), held)
        for fraction in [0, 1, -0.1, .nan, 0.001] {
            XCTAssertThrowsError(try HeldOutSamples(fraction: fraction, seed: 0, shape: shape), "\(fraction)")
        }
    }

    /// The held-out samples take no part in the fit: changing y there leaves J and ∂J/∂θ unchanged to the bit, and
    /// the held-out loss is their mean NLL, computed here from the network output and the operator directly.
    func testHeldOutSamplesLeaveTheObjectiveAndAreMeasured() throws {
        let problem = try blurProblem(height: 10, width: 10, channels: 1)
        let start = try network(channels: 1, seed: 3)
        let held = try HeldOutSamples(fraction: 0.2, seed: 1, shape: problem.forward.outputShape)
        let options = SolverOptions(iterations: 0, heldOut: held)
        let solver = try INRSolver(network: start, problem: problem, options: options)
        let (value, gradient) = try solver.objectiveAndGradient()
        var changed = problem.measurement
        for i in changed.indices where held.mask[i] { changed[i] += 5 }
        let other = try InverseProblem(forward: problem.forward, measurement: changed, noise: problem.noise, groundTruth: problem.groundTruth)
        let (otherValue, otherGradient) = try INRSolver(network: start, problem: other, options: options).objectiveAndGradient()
        XCTAssertEqual(otherValue.bitPattern, value.bitPattern)
        XCTAssertEqual(otherGradient.map(\.bitPattern), gradient.map(\.bitPattern))

        let result = try INRSolver(network: start, problem: problem, options: options).run()
        let output = try start.evaluate(Matrix.coordinates(height: 10, width: 10), workspace: Workspace(architecture: start.architecture, capacity: 100))
        let z: [Float] = try problem.forward.apply(output.values.map { ($0 + 1) / 2 })
        let values = z.indices.filter { held.mask[$0] }.map { i -> Double in
            let residual = Double(problem.measurement[i]) - Double(z[i])
            return residual * residual / (2 * 0.1 * 0.1)
        }
        let expected = values.reduce(0, +) / Double(held.count)
        XCTAssertEqual(try XCTUnwrap(result.trace.first?.heldOutLoss), expected, accuracy: 1e-5 * expected)
        XCTAssertEqual(result.trace.first?.heldOutExcessError, 0, "the first iterate is the least so far")
    }

    /// A run that stops past the held-out minimum notes the iterate of least held-out loss over its trace, ends
    /// max(100, k) steps after it, and keeps the latest iterate within one standard error of it.
    func testTheRunEndsPastTheMinimumAndKeepsIt() throws {
        let problem = try blurProblem(height: 12, width: 12, channels: 1)
        let held = try HeldOutSamples(fraction: 0.2, seed: 2, shape: problem.forward.outputShape)
        let options = SolverOptions(iterations: 600, adam: .init(learningRate: 1e-2), heldOut: held, stopsPastMinimum: true)
        let result = try INRSolver(network: try network(channels: 1, seed: 8), problem: problem, options: options).run()
        let least = try XCTUnwrap(result.leastHeldOutLoss)
        let minimum = try XCTUnwrap(result.trace.min { (a: SolverTraceEntry, b: SolverTraceEntry) in a.heldOutLoss! < b.heldOutLoss! })
        XCTAssertEqual(least, minimum)
        // The choice: the latest entry of the trace whose excess over the least (so far) is within its standard error.
        var leastSoFar = Double.infinity
        var latest: SolverTraceEntry?
        for entry in result.trace {
            leastSoFar = min(leastSoFar, entry.heldOutLoss!)
            if entry.heldOutLoss! - leastSoFar <= entry.heldOutExcessError! { latest = entry }
        }
        let chosen = try XCTUnwrap(result.validationChoice)
        XCTAssertEqual(chosen.entry, try XCTUnwrap(latest))
        XCTAssertGreaterThanOrEqual(chosen.entry.iteration, minimum.iteration)
        if result.stoppedEarly {
            XCTAssertEqual(result.trace.last!.iteration - minimum.iteration, SolverOptions.patience(best: minimum.iteration))
        } else {
            XCTAssertEqual(result.trace.last!.iteration, 600)
        }
        XCTAssertEqual(chosen.image.pixels.count, 144)
    }

    /// The paired standard error against a hand computation: differences (1, 2, 3, 6) have mean 3 and variance
    /// (4 + 1 + 0 + 9)/3 = 14/3, so s_d/√4 = √(14/3)/2.
    func testPairedStandardErrorOfTheDifferences() {
        XCTAssertEqual(pairedStandardError([2, 4, 6, 10], [1, 2, 3, 4]), (14.0 / 3).squareRoot() / 2, accuracy: 1e-12)
        XCTAssertEqual(pairedStandardError([5, 5, 5], [1, 1, 1]), 0, "a constant shift has no spread")
    }
}
