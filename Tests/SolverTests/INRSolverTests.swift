import XCTest
import Imaging
import INR
import Operators
import Priors
import SeededRandom
@testable import Solver

/// The solver's gradient against finite differences of its own objective, its chunked gradient against the
/// full batch, its trajectory against ``ImageFit`` (tested against PyTorch) where the two problems coincide, and
/// its behaviour on a small inverse problem and on bad input.
final class INRSolverTests: XCTestCase {
    /// ⟨∂J/∂θ, d⟩ against (J(θ + hd) − J(θ − hd)) / 2h along random directions, with the TV term on.
    func testGradientMatchesFiniteDifferencesOfTheObjective() throws {
        let problem = try blurProblem()
        let start = try network(channels: 2, seed: 11)
        let options = SolverOptions(iterations: 0, totalVariationWeight: 0.5)
        let (_, gradient) = try INRSolver(network: start, problem: problem, options: options).objectiveAndGradient()
        var random = RandomSource(seed: 5)
        for _ in 0..<3 {
            let direction = (0..<gradient.count).map { _ in Float(random.standardNormal()) }
            let h: Float = 1e-3
            func objective(_ sign: Float) throws -> Double {
                var moved = start
                for i in moved.parameters.indices { moved.parameters[i] += sign * h * direction[i] }
                return try INRSolver(network: moved, problem: problem, options: options).objective()
            }
            let finiteDifference = (try objective(1) - objective(-1)) / (2 * Double(h))
            let analytic = zip(gradient, direction).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            XCTAssertEqual(analytic, finiteDifference, accuracy: 2e-3 * abs(finiteDifference) + 1e-6)
        }
    }

    /// Chunks that split the grid give the full-batch gradient, to float rounding: 10-row chunks and one 63-row
    /// call are different sgemm layouts, and kernel families whose tiles depend on the row count (Haswell, Zen)
    /// round them differently. Each output is a float (relative rounding ≈ 6e-8), so the Double-summed objective
    /// agrees to a few times that.
    func testChunkedGradientEqualsTheFullBatchGradient() throws {
        let problem = try blurProblem(height: 9, width: 7, channels: 1)
        let start = try network(channels: 1, seed: 2)
        let full = try INRSolver(network: start, problem: problem, options: SolverOptions(iterations: 0, totalVariationWeight: 0.2))
            .objectiveAndGradient()
        let chunked = try INRSolver(
            network: start, problem: problem, options: SolverOptions(iterations: 0, totalVariationWeight: 0.2, chunkRows: 10)
        ).objectiveAndGradient()
        XCTAssertEqual(full.value, chunked.value, accuracy: 1e-6 * full.value)
        let scale = full.gradient.map { abs($0) }.max()!
        for (a, b) in zip(full.gradient, chunked.gradient) { XCTAssertEqual(a, b, accuracy: 1e-5 * scale) }
    }

    /// Denoising with Gaussian noise is an image fit of the noisy image: J = MSE/(8σ²) on the network's [−1, 1]
    /// scale, and Adam is invariant to that constant, so both take the same steps.
    func testDenoisingFollowsTheImageFitTrajectory() throws {
        let truth = smoothImage(height: 12, width: 10, channels: 3)
        let identity = IdentityOperator(shape: ImageShape(of: truth))
        let noise = try GaussianNoise(sigma: 0.1)
        let noisy = noise.sample(truth.pixels, seed: 1)
        let problem = try InverseProblem(forward: identity, measurement: noisy, noise: noise, groundTruth: truth)
        let start = try network(channels: 3, seed: 4, omega: 30)
        let solver = try INRSolver(network: start, problem: problem, options: SolverOptions(iterations: 5))
        _ = try solver.run()
        let fit = try ImageFit(
            network: start, coordinates: Matrix(rows: 120, columns: 2, values: CoordinateGrid.make(height: 12, width: 10)),
            target: Matrix(rows: 120, columns: 3, values: noisy.map { 2 * $0 - 1 }), options: FitOptions(iterations: 5))
        _ = try fit.run()
        let scale = fit.network.parameters.map { abs($0) }.max()!
        for (a, b) in zip(solver.network.parameters, fit.network.parameters) { XCTAssertEqual(a, b, accuracy: 1e-5 * scale) }
    }

    /// The solver steps at the schedule's rate: a step schedule that drops the rate to 0 after the first step
    /// leaves the network where one step took it, and a cosine schedule reaches the same point as a constant
    /// schedule after one step and another one after several.
    func testTheLearningRateFollowsTheSchedule() throws {
        let problem = try blurProblem()
        let start = try network(channels: 2, seed: 6)
        func solved(_ iterations: Int, _ schedule: LearningRateSchedule) throws -> [Float] {
            let solver = try INRSolver(network: start, problem: problem,
                                       options: SolverOptions(iterations: iterations, adam: .init(learningRate: 1e-2), schedule: schedule))
            _ = try solver.run()
            return solver.network.parameters
        }
        let oneStep = try solved(1, .constant)
        XCTAssertEqual(try solved(4, .step(every: 1, factor: 0)), oneStep, "lr 0 from the second step on")
        XCTAssertEqual(try solved(1, .cosine(iterations: 4, floor: 0)), oneStep, "the cosine starts at lr₀")
        XCTAssertNotEqual(try solved(4, .cosine(iterations: 4, floor: 0)), try solved(4, .constant))
    }

    /// Inpainting half the pixels of a smooth image: the PSNR climbs well above the initialisation, the best
    /// iterate is the highest evaluation, and evaluations come at 0, every k steps and the last step.
    func testInpaintingRecoversTheMissingPixels() throws {
        let truth = smoothImage(height: 16, width: 16, channels: 1)
        let mask = try InpaintMask.random(height: 16, width: 16, fraction: 0.5, seed: 7)
        let forward = try InpaintOperator(shape: ImageShape(of: truth), mask: mask)
        let problem = try InverseProblem(forward: forward, measurement: try forward.apply(truth.pixels), noise: nil, groundTruth: truth)
        let solver = try INRSolver(
            network: try network(channels: 1, seed: 3, omega: 10), problem: problem,
            options: SolverOptions(iterations: 230, adam: .init(learningRate: 1e-3), evaluateEvery: 50))
        let result = try solver.run()
        XCTAssertEqual(result.evaluations.map(\.iteration), [0, 50, 100, 150, 200, 230])
        XCTAssertEqual(result.best.psnr, result.evaluations.map(\.psnr).max())
        XCTAssertGreaterThan(result.best.psnr, result.evaluations[0].psnr + 10)
        XCTAssertGreaterThan(result.best.psnr, 30)
        XCTAssertEqual(try ImageMetrics.psnr(truth, result.bestImage), result.best.psnr, accuracy: 1e-9)
        XCTAssertEqual(result.stepSeconds.count, 230)
        XCTAssertEqual(result.evaluations.last!.seconds, result.stepSeconds.reduce(0, +), accuracy: 1e-9)
    }

    /// The discrepancy principle on a small denoising problem: the recorded stop is the first iterate whose
    /// discrepancy `mean((y − x)²)/σ²`, recomputed here from the network's output, is at most 1; a stopping run ends
    /// there with that iterate, and a run that goes on passes through the same iterate and records the same stop.
    func testDiscrepancyStopIsTheFirstIterateAtTheNoiseLevel() throws {
        let truth = smoothImage(height: 12, width: 12, channels: 1)
        let noise = try GaussianNoise(sigma: 0.1)
        let problem = try InverseProblem(forward: IdentityOperator(shape: ImageShape(of: truth)),
                                         measurement: noise.sample(truth.pixels, seed: 2), noise: noise, groundTruth: truth)
        let start = try Network(architecture: Architecture(family: .siren(omegaFirst: 30, omegaHidden: 30), dimensions: [2, 32, 32, 1]),
                                seed: 6)
        let coordinates = try Matrix.coordinates(height: 12, width: 12)
        func discrepancy(_ network: Network) throws -> Double {
            let output = try network.evaluate(coordinates, workspace: Workspace(architecture: network.architecture, capacity: 144))
            return zip(output.values, problem.measurement).reduce(0.0) { total, pair in
                let residual = Double(pair.1) - Double((pair.0 + 1) / 2)
                return total + residual * residual
            } / 144 / (0.1 * 0.1)
        }
        let adam = Adam.Configuration(learningRate: 1e-3)
        let going = try INRSolver(network: start, problem: problem, options: SolverOptions(iterations: 400, adam: adam, evaluateEvery: 100))
        let full = try going.run()
        let stop = try XCTUnwrap(full.discrepancyStop, "the fit never reached the noise level")
        XCTAssertGreaterThan(stop, 1)
        XCTAssertFalse(full.stoppedEarly)
        XCTAssertEqual(going.iteration, 400)
        XCTAssertTrue(full.evaluations.contains { $0.iteration == stop })

        let stopping = try INRSolver(network: start, problem: problem,
                                     options: SolverOptions(iterations: 400, adam: adam, evaluateEvery: 100, stopsAtDiscrepancy: true))
        let stopped = try stopping.run()
        XCTAssertTrue(stopped.stoppedEarly)
        XCTAssertEqual(stopped.discrepancyStop, stop)
        XCTAssertEqual(stopping.iteration, stop)
        XCTAssertEqual(stopped.evaluations.last?.iteration, stop)
        XCTAssertEqual(stopped.evaluations.last?.psnr, full.evaluations.first { $0.iteration == stop }?.psnr)
        XCTAssertEqual(try ImageMetrics.psnr(truth, stopped.finalImage), stopped.evaluations.last!.psnr, accuracy: 1e-9)
        XCTAssertLessThanOrEqual(try discrepancy(stopping.network), 1)

        let before = try INRSolver(network: start, problem: problem, options: SolverOptions(iterations: stop - 1, adam: adam))
        for _ in 0..<(stop - 1) { try before.step() }
        XCTAssertGreaterThan(try discrepancy(before.network), 1)

        let noiseless = try InverseProblem(forward: IdentityOperator(shape: ImageShape(of: truth)), measurement: truth.pixels,
                                           noise: nil, groundTruth: truth)
        XCTAssertThrowsError(try INRSolver(network: start, problem: noiseless, options: SolverOptions(iterations: 1, stopsAtDiscrepancy: true))) {
            XCTAssertTrue("\($0)".contains("needs a noise model"), "\($0)")
        }
        XCTAssertNil(try INRSolver(network: start, problem: noiseless, options: SolverOptions(iterations: 3)).run().discrepancyStop)
    }

    func testAnExplodingFitStopsWithTheIteration() throws {
        let problem = try blurProblem()
        let solver = try INRSolver(
            network: try network(channels: 2, seed: 1), problem: problem,
            options: SolverOptions(iterations: 50, adam: .init(learningRate: 1e38)))
        XCTAssertThrowsError(try solver.run()) { error in
            guard case SolverError.nonFiniteLoss(let iteration, _, let hint) = error else { return XCTFail("\(error)") }
            XCTAssertGreaterThan(iteration, 1)
            XCTAssertTrue(hint.contains("learning rate"), hint)
        }
    }

    func testBadInputIsRefusedWithWhatWasExpected() throws {
        let shape = ImageShape(height: 4, width: 4, channels: 1)
        let identity = IdentityOperator(shape: shape)
        XCTAssertThrowsError(try InverseProblem(forward: identity, measurement: [0, 1], noise: nil, groundTruth: nil)) {
            XCTAssertTrue("\($0)".contains("expected 16 samples"), "\($0)")
        }
        var y = [Float](repeating: 0, count: 16)
        y[5] = .nan
        XCTAssertThrowsError(try InverseProblem(forward: identity, measurement: y, noise: nil, groundTruth: nil)) {
            XCTAssertEqual("\($0)", "measurement holds nan at sample 5; expected finite values")
        }
        let problem = try InverseProblem(forward: identity, measurement: [Float](repeating: 0, count: 16), noise: nil, groundTruth: nil)
        XCTAssertThrowsError(try INRSolver(network: network(channels: 3, seed: 0), problem: problem, options: SolverOptions(iterations: 1))) {
            XCTAssertTrue("\($0)".contains("2 inputs and 1 outputs"), "\($0)")
        }
        XCTAssertThrowsError(try INRSolver(network: network(channels: 1, seed: 0), problem: problem,
                                           options: SolverOptions(iterations: 1, evaluateEvery: 0))) {
            XCTAssertTrue("\($0)".contains("evaluate every"), "\($0)")
        }
    }
}
