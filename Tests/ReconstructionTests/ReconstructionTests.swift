import Foundation
import Imaging
import INR
import Operators
import Priors
@testable import Reconstruction
import SeededRandom
import Solver
import XCTest

final class ReconstructionTests: XCTestCase {
    /// A smooth 24 × 32 RGB image with Gaussian noise σ = 0.1 (seed 2), as a user's noisy photo.
    private func noisyPhoto() throws -> (clean: Image, noisy: Image) {
        var clean = Image(height: 24, width: 32, channels: 3)
        for i in 0..<24 { for j in 0..<32 { for c in 0..<3 {
            clean[i, j, c] = Float(0.5 + 0.3 * sin(Double(i) / 5 + Double(c)) * cos(Double(j) / 7))
        } } }
        let noisy = try GaussianNoise(sigma: 0.1).sample(clean.pixels, seed: 2)
        return (clean, Image(height: 24, width: 32, channels: 3, pixels: noisy))
    }

    private func reconstruction(_ y: Image, stop: StoppingRule?, noise: ParameterMap? = nil, reference: Image? = nil,
                                iterations: Int = 400) throws -> Reconstruction {
        let geometry = try MeasurementGeometry(measurement: ImageShape(of: y), file: "y.png", operatorSpec: ["name": .string("identity")],
                                               baseDirectory: URL(fileURLWithPath: "/"))
        let setting = try NoiseSetting(spec: noise, measurement: y, forward: geometry.forward)
        let architecture = try Architecture(family: .siren(omegaFirst: 10, omegaHidden: 10), dimensions: [2, 32, 32, 3])
        return try Reconstruction(measurement: y, geometry: geometry, noise: setting,
                                  start: RandomPrior().initialization(for: architecture, seed: 1),
                                  settings: .init(iterations: iterations, learningRate: 1e-3, stop: stop, threads: 2), reference: reference)
    }

    /// Without --noise, σ is estimated from y; `none` fits least squares; a given σ is used as given; k-space has
    /// no estimate, so asking for one there is an error.
    func testTheNoiseLevelIsGivenEstimatedOrAbsent() throws {
        let (_, y) = try noisyPhoto()
        let estimated = try reconstruction(y, stop: nil).noise
        XCTAssertEqual(try XCTUnwrap(estimated.estimatedSigma), 0.1, accuracy: 0.02)
        XCTAssertNil(try reconstruction(y, stop: nil, noise: ["name": .string("none")]).noise.model)
        let given = try reconstruction(y, stop: nil, noise: ["name": .string("gaussian"), "sigma": .number(0.07)]).noise
        XCTAssertEqual((given.model as? GaussianNoise)?.sigma, 0.07)
        XCTAssertNil(given.estimatedSigma)
        let mri = try MRIOperator(shape: ImageShape(height: 16, width: 16), mask: .full(height: 16, width: 16))
        let kspace = Image(height: 16, width: 16, channels: 2, pixels: try mri.apply([Float](repeating: 0.5, count: 256)))
        XCTAssertThrowsError(try NoiseSetting(spec: ["name": .string("gaussian")], measurement: kspace, forward: mri)) { error in
            XCTAssertTrue("\(error)".hasPrefix("the noise level cannot be estimated from a mri measurement"), "\(error)")
        }
    }

    /// The discrepancy principle keeps the first iterate whose discrepancy is at most 1 — every earlier one in the
    /// trace is above it — and it is the image returned.
    func testDiscrepancyKeepsTheFirstIterateAtTheNoiseLevel() throws {
        let (_, y) = try noisyPhoto()
        XCTAssertEqual(try reconstruction(y, stop: nil).stop, .validation(fraction: 0.1), "the default")
        let outcome = try reconstruction(y, stop: .discrepancy).run()
        XCTAssertEqual(outcome.stop, .discrepancy)
        let trace = outcome.solve.trace
        let kept = try XCTUnwrap(trace.first { $0.iteration == outcome.keptIteration })
        XCTAssertLessThanOrEqual(try XCTUnwrap(kept.discrepancy), 1)
        XCTAssertTrue(trace.filter { $0.iteration < kept.iteration }.allSatisfy { $0.discrepancy! > 1 })
        XCTAssertEqual(trace.last?.iteration, kept.iteration, "the fit ends there")
        XCTAssertTrue(outcome.reason.contains("first iterate whose residual reached the noise level"), outcome.reason)
    }

    /// Validation keeps the latest iterate within one standard error of the least held-out loss; with a reference, the table scores it and
    /// the reference's own best iterate, and the baselines that apply to the operator stand beside them.
    func testValidationKeepsTheLeastHeldOutLossAndTheReferenceOnlyScores() throws {
        let (clean, y) = try noisyPhoto()
        let outcome = try reconstruction(y, stop: .validation(fraction: 0.1), reference: clean).run()
        let trace = outcome.solve.trace
        let least = try XCTUnwrap(trace.min { (a: SolverTraceEntry, b: SolverTraceEntry) in a.heldOutLoss! < b.heldOutLoss! })
        let kept = try XCTUnwrap(trace.first { $0.iteration == outcome.keptIteration })
        XCTAssertGreaterThanOrEqual(kept.iteration, least.iteration)
        XCTAssertLessThanOrEqual(kept.heldOutLoss! - least.heldOutLoss!, kept.heldOutExcessError!, "within one standard error of the least")
        XCTAssertTrue(trace.filter { $0.iteration > kept.iteration }.allSatisfy { $0.heldOutLoss! - least.heldOutLoss! > $0.heldOutExcessError! },
                      "and the latest such iterate")
        XCTAssertEqual(outcome.baselines.map(\.name), ["adjoint", "cg", "tv", "bm3d", "pnp"], "the baselines that apply to denoising")
        let report = try outcome.report(title: "t", facts: [], measurement: y, reference: clean)
        XCTAssertEqual(report.header, ["method", "iterate kept", "seconds", "PSNR (dB)", "SSIM"])
        XCTAssertEqual(report.rows.map { $0[0] }, ["INR (validation:0.1)", "INR, best iterate by the reference (oracle of the fit that held 10 % out)", "adjoint", "cg", "tv", "bm3d", "pnp"])
        XCTAssertEqual(report.rows[0][3], String(format: "%.2f", try ImageMetrics.psnr(clean, outcome.kept)))
        XCTAssertGreaterThan(try ImageMetrics.psnr(clean, outcome.kept), try ImageMetrics.psnr(clean, y) + 3, "denoised")
        XCTAssertEqual(report.trace.split(separator: "\n").count, outcome.solve.trace.count + 1)
    }

    /// Validation only chooses the step count k on the fit that leaves the held-out samples out; the image kept is
    /// the fit of every measurement for k steps from the same start — bit for bit what `--stop iterations
    /// --iterations k` gives — and the progress reports the refit as such.
    func testValidationKeepsARefitOfEveryMeasurementForTheChosenSteps() throws {
        let (_, y) = try noisyPhoto()
        var refitSteps: [Int] = []
        var announced: Set<Int> = []
        let outcome = try reconstruction(y, stop: .validation(fraction: 0.1)).run { step, phase in
            if case let .refit(steps) = phase { refitSteps.append(step.iteration); announced.insert(steps) }
        }
        let k = outcome.keptIteration
        XCTAssertGreaterThan(k, 0)
        XCTAssertEqual(refitSteps, Array(1...k), "the refit takes exactly the chosen steps")
        XCTAssertEqual(announced, [k])
        let fixedBudget = try reconstruction(y, stop: .iterations, iterations: k).run()
        XCTAssertEqual(outcome.kept.pixels, fixedBudget.kept.pixels, "the refit is the k-step fit of every measurement")
        XCTAssertNotEqual(outcome.kept.pixels, try XCTUnwrap(outcome.solve.validationChoice).image.pixels,
                          "not the iterate of the fit that left samples out")
        XCTAssertTrue(outcome.reason.contains("fitted again from the same start on every measurement"), outcome.reason)
        XCTAssertNil(try reconstruction(y, stop: .discrepancy).run().refit, "only validation refits")
    }

    /// SURE keeps the solver's iterate of least median risk (``Solver/LeastRiskChoice``; SteinRiskProbeTests check the
    /// choice), bit for bit the fit of that many steps —
    /// with σ estimated from y; with a reference its image beats the noisy y and lies within 1 dB of the reference's
    /// own best iterate. It needs Gaussian noise: `none` is an error naming --stop.
    func testSureKeepsTheIterateOfLeastEstimatedRisk() throws {
        let (clean, y) = try noisyPhoto()
        let outcome = try reconstruction(y, stop: .sure, reference: clean).run()
        let least = try XCTUnwrap(outcome.solve.leastRisk).entry
        XCTAssertEqual(outcome.keptIteration, least.iteration)
        XCTAssertNil(outcome.refit)
        let fixedBudget = try reconstruction(y, stop: .iterations, iterations: least.iteration).run()
        XCTAssertEqual(outcome.kept.pixels, fixedBudget.kept.pixels)
        XCTAssertGreaterThan(try ImageMetrics.psnr(clean, outcome.kept), try ImageMetrics.psnr(clean, y) + 3, "denoised")
        XCTAssertGreaterThan(try ImageMetrics.psnr(clean, outcome.kept), outcome.solve.best.psnr - 1)
        XCTAssertTrue(outcome.reason.hasPrefix("the iterate of least Stein risk estimate"), outcome.reason)
        XCTAssertThrowsError(try reconstruction(y, stop: .sure, noise: ["name": .string("none")]).run()) { error in
            XCTAssertTrue("\(error)".hasPrefix("--stop is 'sure'; expected Gaussian noise"), "\(error)")
        }
    }
}
