import XCTest
import Imaging
import INR
import Operators
import SeededRandom
@testable import Solver

/// Stein's unbiased risk estimate: the Monte-Carlo formula against closed forms, and the twin fit's estimate
/// against the true error of the fit it watches.
final class SteinRiskProbeTests: XCTestCase {
    /// For A = I and a linear shrinkage x̂ = h·y the probe's divergence is exact, bᵀ(h(y + εb) − hy)/ε = h‖b‖², so R̂
    /// is (1/m)[‖(1 − h)y‖² + 2σ²h‖b‖²] − σ², whatever ε; and by Stein's lemma it is within a few standard errors of
    /// the true error (1/m)‖hy − x‖² (m = 40 000, σ = 0.1: both concentrate to about 10⁻⁵).
    func testDenoisingShrinkageMatchesTheClosedFormAndTheTrueError() throws {
        let side = 200, sigma = 0.1, h: Float = 0.6
        let shape = ImageShape(height: side, width: side)
        var random = RandomSource(seed: 11)
        let x = (0..<shape.count).map { _ in Float(random.unitInterval()) }
        let y = x.map { $0 + Float(sigma * random.standardNormal()) }
        let estimator = SteinRiskEstimator(probe: SteinRiskProbe(seed: 5), forward: IdentityOperator(shape: shape), sigma: sigma)
        let b = estimator.direction, epsilon = Float(estimator.step)
        func shrinkage(_ h: Float) -> SteinRiskEstimate {
            estimator.estimate(measurement: y, estimate: y.map { h * $0 }, perturbedEstimate: zip(y, b).map { h * ($0 + epsilon * $1) })
        }
        let risk = shrinkage(h).risk
        let m = Double(shape.count)
        let closedForm = y.map { Double((1 - h) * $0) * Double((1 - h) * $0) }.reduce(0, +) / m
            + 2 * sigma * sigma * Double(h) * b.map { Double($0 * $0) }.reduce(0, +) / m - sigma * sigma
        XCTAssertEqual(risk, closedForm, accuracy: 1e-4 * closedForm, "float rounding of the finite difference only")
        let trueError = zip(y, x).map { Double(h * $0 - $1) * Double(h * $0 - $1) }.reduce(0, +) / m
        XCTAssertEqual(risk, trueError, accuracy: 0.03 * trueError)
        // Its degrees of freedom are h‖b‖² ≈ hm; the estimate holds for 0 ≤ h ≤ 1 only, where a fit can be.
        XCTAssertEqual(shrinkage(h).degreesOfFreedom, Double(h) * m, accuracy: 0.02 * m)
        XCTAssertEqual([-0.5, 0, 0.6, 0.99, 1.5].map { estimator.holds(shrinkage($0)) }, [false, true, true, true, false])
    }

    /// Weighed in the image: for ×2 box downsampling A (each sample the mean of 2 × 2 pixels) AAᵀ = I/4 and ‖A‖² = 1/4,
    /// so W = (AAᵀ + λI)⁻¹ = 4I/1.01 and the estimated error (x̂ − x)ᵀAᵀWA(x̂ − x) is 4‖A(x̂ − x)‖²/1.01 in closed form,
    /// with no conjugate gradients. The estimator, which applies W by conjugate gradients and estimates its trace with
    /// the probe, matches that true error for a linear estimate (x̂ = 4h·Aᵀy, each sample spread over its pixels and
    /// shrunk) within a few standard errors.
    func testSuperResolutionRiskMatchesTheProjectedTrueError() throws {
        let sigma = 0.05, h: Float = 0.8
        let shape = ImageShape(height: 200, width: 200)
        let forward = try DownsampleOperator(shape: shape, factor: 2, filter: .box)
        var random = RandomSource(seed: 12)
        let x = (0..<shape.count).map { _ in Float(random.unitInterval()) }
        let y = try forward.apply(x).map { $0 + Float(sigma * random.standardNormal()) }
        let estimator = SteinRiskEstimator(probe: SteinRiskProbe(seed: 6), forward: forward, sigma: sigma)
        func estimate(_ y: [Float]) throws -> [Float] { try forward.adjoint(y).map { 4 * h * $0 } }
        let b = estimator.direction, epsilon = Float(estimator.step)
        let risk = estimator.estimate(measurement: y, estimate: try forward.apply(estimate(y)),
                                      perturbedEstimate: try forward.apply(estimate(zip(y, b).map { $0 + epsilon * $1 }))).risk
        let error = try forward.apply(zip(try estimate(y), x).map { $0 - $1 })
        let trueError = 4 / (1 + SteinRiskProbe.relativeRidge) * error.map { Double($0) * Double($0) }.reduce(0, +) / Double(shape.count)
        XCTAssertEqual(risk, trueError, accuracy: 0.05 * trueError)
    }

    /// The probe is seeded standard normal: the same seed draws the same b, another seed another; mean 0, variance 1.
    func testTheDirectionIsSeededStandardNormal() {
        let b = SteinRiskProbe(seed: 3).direction(count: 20_000)
        XCTAssertEqual(b, SteinRiskProbe(seed: 3).direction(count: 20_000))
        XCTAssertNotEqual(b, SteinRiskProbe(seed: 4).direction(count: 20_000))
        let mean = b.map(Double.init).reduce(0, +) / 20_000
        let variance = b.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / 19_999
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.04)
    }

    /// Stein's theorem for the fit itself: over 8 independent noise draws, the estimate R̂_k of every step k checked
    /// averages to the true error (1/m)‖x_k − x‖² of that step's iterate, within 3 standard errors (the denoised image
    /// lies well inside [0, 1], so clipping leaves it alone and the evaluations' PSNR gives the error). A SIREN of
    /// ω₀ = 30 takes in noise within these 100 steps, so the divergence term is large. At step 0 the two fits
    /// coincide and the divergence is exactly 0.
    func testTheEstimateOfAFitAveragesToItsTrueError() throws {
        let truth = smoothImage(height: 32, width: 32, channels: 1)
        let noise = try GaussianNoise(sigma: 0.05)
        let forward = IdentityOperator(shape: ImageShape(of: truth))
        let steps = [25, 50, 100]
        var differences = [[Double]](repeating: [], count: steps.count)
        var divergenceTerms = differences
        for draw in 0..<8 {
            let problem = try InverseProblem(forward: forward, measurement: noise.sample(truth.pixels, seed: UInt64(100 + draw)),
                                             noise: noise, groundTruth: truth)
            let options = SolverOptions(iterations: 100, adam: .init(learningRate: 1e-3), evaluateEvery: 1,
                                        measuresStructuralSimilarity: false, riskProbe: SteinRiskProbe(seed: UInt64(draw)))
            let result = try INRSolver(network: try network(channels: 1, seed: 8, omega: 30), problem: problem, options: options).run()
            let first = try XCTUnwrap(result.trace.first)
            let residual = 0.05 * 0.05 * (try XCTUnwrap(first.discrepancy) - 1)  // (1/m)‖y − x₀‖² − σ²
            XCTAssertEqual(try XCTUnwrap(first.risk), residual, accuracy: 1e-12, "no divergence before the first step")
            for (index, step) in steps.enumerated() {
                let risk = try XCTUnwrap(result.trace.first { $0.iteration == step }?.risk)
                let psnr = try XCTUnwrap(result.evaluations.first { $0.iteration == step }?.psnr)
                differences[index].append(risk - pow(10, -psnr / 10))
                let d = try XCTUnwrap(result.trace.first { $0.iteration == step }?.discrepancy)
                divergenceTerms[index].append(risk - 0.05 * 0.05 * (d - 1))
            }
        }
        for (index, step) in steps.enumerated() {
            let d = differences[index]
            let mean = d.reduce(0, +) / Double(d.count)
            let standardError = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d.count - 1) / Double(d.count)).squareRoot()
            XCTAssertLessThanOrEqual(abs(mean), 3 * standardError, "step \(step): R̂ − MSE averages \(mean) ± \(standardError)")
            if step >= 50 {
                // The test has power: without its divergence term (the bare residual − σ², what the discrepancy
                // principle watches) the estimate would miss the true error by more than 5 standard errors.
                let divergence = divergenceTerms[index].reduce(0, +) / Double(d.count)
                XCTAssertGreaterThan(divergence, 5 * standardError, "step \(step)")
            }
        }
    }

    /// The twin leaves the watched fit alone: the iterate kept is the least median of five of the trace's estimates
    /// (those outside 0 ≤ df ≤ m = 576 counted as +∞), and its image
    /// is bit for bit a plain fit of that many steps; the run ends max(100, k) steps past it.
    func testTheLeastRiskIterateIsThePlainFitOfThatManySteps() throws {
        let truth = smoothImage(height: 24, width: 24, channels: 1)
        let noise = try GaussianNoise(sigma: 0.1)
        let problem = try InverseProblem(forward: IdentityOperator(shape: ImageShape(of: truth)),
                                         measurement: noise.sample(truth.pixels, seed: 9), noise: noise, groundTruth: truth)
        let start = try network(channels: 1, seed: 8, omega: 30)
        let options = SolverOptions(iterations: 1000, adam: .init(learningRate: 1e-2), riskProbe: SteinRiskProbe(seed: 1), stopsPastMinimum: true)
        let result = try INRSolver(network: start, problem: problem, options: options).run()
        let least = try XCTUnwrap(result.leastRisk)
        let values = result.trace.map { (0...576).contains($0.degreesOfFreedom!) ? $0.risk! : .infinity }
        let medians = values.indices.map { c -> Double in
            let window = values[max(0, c - 2)...min(values.count - 1, c + 2)].sorted()
            return window.count % 2 == 1 ? window[window.count / 2] : (window[window.count / 2 - 1] + window[window.count / 2]) / 2
        }
        let chosen = medians.indices.min { medians[$0] < medians[$1] }!
        let minimum = result.trace[chosen]
        XCTAssertEqual(least.entry, minimum)
        XCTAssertEqual(least.medianRisk, medians[chosen])
        XCTAssertTrue(result.stoppedEarly, "the estimate turns up once the fit takes in noise")
        XCTAssertEqual(result.trace.last!.iteration - minimum.iteration, SolverOptions.patience(best: minimum.iteration))
        let plain = try INRSolver(network: start, problem: problem, options: SolverOptions(iterations: minimum.iteration, adam: .init(learningRate: 1e-2))).run()
        XCTAssertEqual(least.image.pixels.map(\.bitPattern), plain.finalImage.pixels.map(\.bitPattern))
    }

    /// The median of five against a hand computation: estimates 5, 4, 0.1 (a spike), 3, 2, 1.5, 1.4, 1.6, 9 have
    /// medians 4, 3.5, 3, 2, 1.5, 1.6, 1.6, 1.55, 1.6 (windows cut short at the ends), so step 4 is kept, not the
    /// spike; with step 6's estimate not holding (+∞) they are 4, 3.5, 3, 2, 2, 2, 2, 5.3, 9: step 3, the earliest.
    func testTheMedianOfFiveKeepsTheIterateAndNotTheSpike() {
        func choice(_ values: [Double], failing: Int? = nil) -> LeastRiskChoice? {
            var tracker = LeastRiskTracker()
            for (k, value) in values.enumerated() {
                var entry = SolverTraceEntry(iteration: k, loss: 0, discrepancy: nil, heldOutLoss: nil)
                entry.risk = value
                tracker.record(entry, holds: k != failing) { $0 = Image(height: 1, width: 1, channels: 1, pixels: [Float(k)]) }
            }
            tracker.finish()
            return tracker.least
        }
        let values = [5, 4, 0.1, 3, 2, 1.5, 1.4, 1.6, 9]
        XCTAssertEqual(choice(values)?.entry.iteration, 4)
        XCTAssertEqual(choice(values)?.medianRisk, 1.5)
        XCTAssertEqual(choice(values)?.image.pixels, [4])
        XCTAssertEqual(choice(values, failing: 6)?.entry.iteration, 3)
        XCTAssertEqual(choice(values, failing: 6)?.medianRisk, 2)
    }

    /// SURE needs Gaussian noise of known σ: Poisson noise, or none, is an error naming the rule.
    func testNeedsGaussianNoise() throws {
        let truth = smoothImage(height: 8, width: 8, channels: 1)
        let forward = IdentityOperator(shape: ImageShape(of: truth))
        for noise in [nil, try PoissonNoise(peak: 30)] as [(any NoiseModel)?] {
            let problem = try InverseProblem(forward: forward, measurement: truth.pixels, noise: noise, groundTruth: nil)
            XCTAssertThrowsError(try INRSolver(network: try network(channels: 1, seed: 1), problem: problem,
                                               options: SolverOptions(iterations: 5, riskProbe: SteinRiskProbe(seed: 0)))) { error in
                XCTAssertTrue("\(error)".contains("Stein's unbiased risk estimate, which needs Gaussian noise"), "\(error)")
            }
        }
    }
}
