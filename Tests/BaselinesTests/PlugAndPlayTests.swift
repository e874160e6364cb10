import Foundation
import XCTest
@testable import Baselines
import Operators

/// Plug-and-play HQS: its data step against CG and the normal equations, its schedule against its definition, the
/// whole iteration against a recursion written out, and PnP-BM3D against CG and TV on a small deblurring problem.
final class PlugAndPlayTests: XCTestCase {
    /// The closed forms (identity, inpainting, circular blur) solve `(AᵀA + ρI)x = Aᵀy + ρz`, as CG does.
    func testClosedFormDataStepsSolveTheNormalEquations() throws {
        let shape = ImageShape(height: 10, width: 14, channels: 3)
        let operators: [any LinearOperator] = [
            IdentityOperator(shape: shape),
            try InpaintOperator(shape: shape, mask: .random(height: 10, width: 14, fraction: 0.4, seed: 2)),
            try BlurOperator(shape: shape, kernel: .gaussian(sigma: 1.2), boundary: .circular),
        ]
        let y = gaussianSamples(shape.count, seed: 1), z = gaussianSamples(shape.count, seed: 2)
        for forward in operators {
            let step = try ProximalDataStep(forward: forward, measurement: y, cgIterations: 1, cgTolerance: 0)
            XCTAssertTrue(step.isClosedForm, "\(forward)")
            let rho: Float = 0.3
            let x = step.solve(towards: z, rho: rho)
            let rightHandSide = zip(try forward.adjoint(y), z).map { $0 + rho * $1 }
            XCTAssertLessThan(relativeError(zip(try forward.normal(x), x).map { $0 + rho * $1 }, rightHandSide), 1e-5, "\(forward)")
            let cg = forward.shiftedNormalSolve(shift: rho, rightHandSide: rightHandSide, iterations: 200, tolerance: 1e-7)
            XCTAssertLessThan(relativeError(x, cg), 1e-4, "\(forward)")
        }
    }

    /// Without a closed form (zero-boundary blur) the step is CG, warm-started at z: it solves the system too.
    func testCGDataStepSolvesTheNormalEquations() throws {
        let shape = ImageShape(height: 12, width: 12)
        let forward = try BlurOperator(shape: shape, kernel: .gaussian(sigma: 1), boundary: .zero)
        let y = gaussianSamples(shape.count, seed: 4), z = gaussianSamples(shape.count, seed: 5)
        let step = try ProximalDataStep(forward: forward, measurement: y, cgIterations: 200, cgTolerance: 1e-7)
        XCTAssertFalse(step.isClosedForm)
        let x = step.solve(towards: z, rho: 0.05)
        let rightHandSide = zip(try forward.adjoint(y), z).map { $0 + 0.05 * $1 }
        XCTAssertLessThan(relativeError(zip(try forward.normal(x), x).map { $0 + 0.05 * $1 }, rightHandSide), 1e-4)
    }

    /// `σ_k = σ_start (σ_end/σ_start)^{(k−1)/(K−1)}`, `ρ_k = λσ_n²/σ_k²`.
    func testScheduleIsGeometricWithRhoFromTheNoiseLevel() throws {
        let pnp = try PlugAndPlayBaseline(denoiser: TotalVariationDenoiser(), iterations: 5, noise: 0.02, sigmaStart: 0.16,
                                          sigmaEnd: 0.01, lambda: 0.5)
        let schedule = pnp.schedule
        for (step, sigma) in zip(schedule, [0.16, 0.08, 0.04, 0.02, 0.01]) {
            XCTAssertEqual(step.sigma, sigma, accuracy: 1e-12)
            XCTAssertEqual(step.rho, 0.5 * 0.02 * 0.02 / (sigma * sigma), accuracy: 1e-9 * step.rho)
        }
        XCTAssertEqual(schedule.count, 5)
        XCTAssertEqual(try PlugAndPlayBaseline(denoiser: TotalVariationDenoiser(), noise: 0.03).sigmaEnd, 0.03)
    }

    /// With a denoiser that returns its input, HQS on A = I is the recursion `z_k = (y + ρ_k z_{k−1})/(1 + ρ_k)`
    /// from `z_0 = ½`.
    func testIterationWithAPassThroughDenoiserIsTheDataStepRecursion() throws {
        let shape = ImageShape(height: 4, width: 5)
        let y = gaussianSamples(shape.count, seed: 8)
        let pnp = try PlugAndPlayBaseline(denoiser: PassThroughDenoiser(), iterations: 6, noise: 0.1, sigmaStart: 0.3, sigmaEnd: 0.05, lambda: 2)
        var expected = [Double](repeating: 0.5, count: shape.count)
        for (_, rho) in pnp.schedule { expected = zip(y, expected).map { (Double($0) + rho * $1) / (1 + rho) } }
        let result = try pnp.reconstruct(y, through: IdentityOperator(shape: shape))
        for (ours, theirs) in zip(result, expected) { XCTAssertEqual(Double(ours), theirs, accuracy: 1e-6) }
    }

    /// The iterates shown to an observer: `z_0 = ½`, then one per iteration (`k = 0 … K`, in order), each the
    /// recursion's `z_k` (a pass-through denoiser on A = I, as above); the last is the result, bit for bit, and the
    /// result is the same without an observer (also through ``Reconstructor/reconstruct(_:through:iterates:)``).
    func testObservedIteratesAreTheRecursionAndEndWithTheResult() throws {
        let shape = ImageShape(height: 4, width: 5)
        let forward = IdentityOperator(shape: shape), y = gaussianSamples(shape.count, seed: 8)
        let pnp = try PlugAndPlayBaseline(denoiser: PassThroughDenoiser(), iterations: 5, noise: 0.1, sigmaStart: 0.3, sigmaEnd: 0.05, lambda: 2)
        var iterates: [(Int, [Float])] = []
        let result = try pnp.reconstruct(y, through: forward) { iterates.append(($0, $1)) }
        XCTAssertEqual(iterates.map(\.0), Array(0...5))
        var expected = [Double](repeating: 0.5, count: shape.count)
        for (k, iterate) in iterates {
            if k > 0 {
                let rho = pnp.schedule[k - 1].rho
                expected = zip(y, expected).map { (Double($0) + rho * $1) / (1 + rho) }
            }
            for (ours, theirs) in zip(iterate, expected) { XCTAssertEqual(Double(ours), theirs, accuracy: 1e-6, "iterate \(k)") }
        }
        XCTAssertEqual(iterates.last?.1.map(\.bitPattern), result.map(\.bitPattern))
        XCTAssertEqual(try pnp.reconstruct(y, through: forward).map(\.bitPattern), result.map(\.bitPattern))
        var viaReconstructor = 0
        let reconstructor: any Reconstructor = pnp
        XCTAssertEqual(try reconstructor.reconstruct(y, through: forward, iterates: { _, _ in viaReconstructor += 1 }), result)
        XCTAssertEqual(viaReconstructor, 6)
        var viaOneStep = 0
        _ = try AdjointBaseline().reconstruct(y, through: forward, iterates: { _, _ in viaOneStep += 1 })
        XCTAssertEqual(viaOneStep, 0, "a baseline that does not iterate shows no iterates")
    }

    /// Gaussian deblurring (σ = 1.5 px, circular, noise 0.02) of a 32 × 32 photograph (the top-left quarter of the
    /// clean colour Kodak crop of `bm3d_reference.json`): PnP-BM3D above Tikhonov CG and TV with the deblurring
    /// problem files' settings by more than a quarter of a decibel (measured: 24.04, 23.36 and 23.63 dB).
    func testPnPBM3DBeatsCGAndTVOnDeblurring() throws {
        let photograph = try XCTUnwrap(try BM3DReferenceCase.all().first { $0.channels == 3 })
        let shape = ImageShape(height: 32, width: 32, channels: 3)
        let forward = try BlurOperator(shape: shape, kernel: .gaussian(sigma: 1.5), boundary: .circular)
        let clean = (0..<shape.count).map { s in
            photograph.cleanSamples[((s / 3 / 32) * photograph.width + s / 3 % 32) * 3 + s % 3]
        }
        let y = zip(try forward.apply(clean), gaussianSamples(shape.count, seed: 12)).map { $0 + 0.02 * $1 }
        let pnp = psnr(try PlugAndPlayBaseline(denoiser: BM3DBaseline(), noise: 0.02).reconstruct(y, through: forward), clean)
        let cg = psnr(try ConjugateGradientBaseline(lambda: 0.01).reconstruct(y, through: forward), clean)
        let tv = psnr(try TotalVariationBaseline(weight: 0.005).reconstruct(y, through: forward), clean)
        XCTAssertGreaterThan(pnp, max(cg, tv) + 0.25, "pnp \(pnp) dB, cg \(cg) dB, tv \(tv) dB")
    }

    /// An operator whose adjoint is not its transpose (here: Aᵀ = 0) is refused before any work.
    func testOperatorWithoutAValidAdjointIsRefused() throws {
        final class NoAdjoint: LinearOperator {
            let inputShape = ImageShape(height: 8, width: 8), outputShape = ImageShape(height: 8, width: 8)
            var description: String { "no-adjoint(8×8)" }
            func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) { _ = y.update(fromContentsOf: x) }
            func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) { x.update(repeating: 0) }
        }
        let pnp = try PlugAndPlayBaseline(denoiser: TotalVariationDenoiser())
        let message = try XCTUnwrap(errorMessage { try pnp.reconstruct([Float](repeating: 0, count: 64), through: NoAdjoint()) })
        XCTAssertTrue(message.hasPrefix("pnp: parameter 'operator' no-adjoint(8×8) has no valid adjoint (⟨Ax, y⟩ and ⟨x, Aᵀy⟩ differ by "), message)
        XCTAssertTrue(message.hasSuffix("expected Aᵀ to be the transpose of A (the data step solves (AᵀA + ρI)x = Aᵀy + ρz)"), message)
    }

    func testBadParametersNameThemselves() {
        let context = BuildContext(shape: ImageShape(height: 8, width: 8))
        let cases: [(ParameterMap, String)] = [
            (spec("pnp", ["iterations": .number(0)]), "pnp: parameter 'iterations' must be ≥ 1, got 0"),
            (spec("pnp", ["noise": .number(0)]),
             "pnp: parameter 'noise' must be a finite noise standard deviation > 0 (intensities in [0, 1]), got 0.0"),
            (spec("pnp", ["sigma_end": .number(-1)]),
             "pnp: parameter 'sigma_end' must be a finite noise standard deviation > 0 (intensities in [0, 1]), got -1.0"),
            (spec("pnp", ["lambda": .number(0)]), "pnp: parameter 'lambda' must be a finite number > 0, got 0.0"),
            (spec("pnp", ["denoiser": .string("dncnn")]), "pnp: parameter 'denoiser' must be one of bm3d|tv, got 'dncnn'"),
        ]
        for (parameters, expected) in cases {
            XCTAssertEqual(errorMessage { try baselineRegistry.make(parameters, context: context) }, expected)
        }
    }
}

/// A "denoiser" that returns its input: plug-and-play with it is the data step's recursion alone.
private struct PassThroughDenoiser: Denoiser {
    var description: String { "pass-through" }
    func denoise(_ samples: [Float], shape: ImageShape, sigma: Double) throws -> [Float] { samples }
}
