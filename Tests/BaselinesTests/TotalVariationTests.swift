import Foundation
import XCTest
@testable import Baselines
import Operators

/// The TV baseline against a closed form, scikit-image, optimality and PSNR; and its gradient operator.
final class TotalVariationTests: XCTestCase {
    func testGradientIsAConformingOperatorWithNormAtMostSqrt8() {
        let gradient = ImageGradient(shape: ImageShape(height: 9, width: 13, channels: 3))
        let report = checkLinearOperator(gradient, name: "gradient")
        XCTAssertTrue(report.passed, report.failures.joined(separator: "; "))
        XCTAssertLessThanOrEqual(gradient.estimateNorm(iterations: 200), 8.0.squareRoot())
        XCTAssertGreaterThan(gradient.estimateNorm(iterations: 200), 2.6)
    }

    /// One bright interior pixel: √2 at the pixel (two unit differences), 1 at its left and upper neighbours.
    func testTotalVariationOfAnImpulse() {
        var x = [Float](repeating: 0, count: 5 * 6)
        x[2 * 6 + 3] = 1
        XCTAssertEqual(ImageGradient(shape: ImageShape(height: 5, width: 6)).totalVariation(x), 2 + 2.0.squareRoot(), accuracy: 1e-12)
    }

    /// Denoising (A = I) a step constant down the columns, values a | b with k and W − k columns. The minimiser is
    /// constant down the columns too (averaging rows lowers both terms), so the problem is the 1-D TV denoising of a
    /// step, whose solution keeps the step and moves each plateau towards the other by w·(edge length)/(area):
    /// `a + w/k` and `b − w/(W − k)` (the subgradient condition on each plateau: its size × shift = w).
    func testStepDenoisingMatchesTheClosedForm() throws {
        let (height, width, k) = (8, 16, 6)
        let (a, b, w): (Float, Float, Float) = (0.2, 0.8, 0.05)
        let y = (0..<height * width).map { $0 % width < k ? a : b }
        let shape = ImageShape(height: height, width: width)
        let x = try TotalVariationBaseline(weight: Double(w), iterations: 300).reconstruct(y, through: IdentityOperator(shape: shape))
        let expected = (0..<height * width).map { $0 % width < k ? a + w / Float(k) : b - w / Float(width - k) }
        XCTAssertLessThan(largestDifference(x, expected), 1e-4)
    }

    /// scikit-image's `denoise_tv_chambolle` (Chambolle 2004, a different algorithm) on a noisy piecewise-constant
    /// image; see `Fixtures/README.md`.
    func testDenoisingMatchesScikitImage() throws {
        struct Fixture: Decodable {
            let height, width: Int
            let weight, objective: Double
            let noisy, denoised: [Float]
        }
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/tv_denoise_chambolle", withExtension: "json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let forward = IdentityOperator(shape: ImageShape(height: fixture.height, width: fixture.width))
        let baseline = try TotalVariationBaseline(weight: fixture.weight, iterations: 1000, clip: false)
        let x = try baseline.reconstruct(fixture.noisy, through: forward)
        let objective = try baseline.objective(x, measurement: fixture.noisy, through: forward)
        XCTAssertEqual(try baseline.objective(fixture.denoised, measurement: fixture.noisy, through: forward), fixture.objective, accuracy: 1e-4)
        XCTAssertEqual(objective, fixture.objective, accuracy: 2e-5 * fixture.objective)
        XCTAssertLessThan(largestDifference(x, fixture.denoised), 1e-3)
    }

    /// Deblurring: the objective falls as the iterations grow, and moving from the result towards other points
    /// (the image, the measurement, a constant, zero) does not lower it — for a convex function, no descent
    /// direction means a minimum. The directions are ones along which TV is differentiable, so first-order errors show.
    func testDeblurringObjectiveDecreasesToAMinimum() throws {
        let shape = ImageShape(height: 20, width: 20)
        let forward = try operatorRegistry.make(spec("blur", ["kernel": .string("gaussian"), "sigma": .number(1)]), context: BuildContext(shape: shape))
        let clean = piecewiseConstant(shape)
        let noise = gaussianSamples(shape.count, seed: 8)
        let y = zip(try forward.apply(clean), noise).map { $0 + 0.02 * $1 }
        var objectives: [Double] = []
        var result: [Float] = []
        for iterations in [10, 50, 250, 1500] {
            let baseline = try TotalVariationBaseline(weight: 0.02, iterations: iterations)
            result = try baseline.reconstruct(y, through: forward)
            objectives.append(try baseline.objective(result, measurement: y, through: forward))
        }
        for (earlier, later) in zip(objectives, objectives.dropFirst()) { XCTAssertLessThan(later, earlier, "\(objectives)") }
        let baseline = try TotalVariationBaseline(weight: 0.02)
        let minimum = objectives.last!
        for target in [clean, y, [Float](repeating: 0.5, count: shape.count), [Float](repeating: 0, count: shape.count)] {
            for t: Float in [1e-2, 1e-3] {
                let moved = zip(result, target).map { $0 + t * ($1 - $0) }
                XCTAssertGreaterThanOrEqual(try baseline.objective(moved, measurement: y, through: forward), minimum - 1e-7 * minimum)
            }
        }
    }

    func testDenoisingRaisesPSNR() throws {
        let shape = ImageShape(height: 32, width: 32, channels: 3)
        let clean = piecewiseConstant(shape)
        let noisy = zip(clean, gaussianSamples(shape.count, seed: 9)).map { $0 + 0.1 * $1 }
        let x = try TotalVariationBaseline(weight: 0.08).reconstruct(noisy, through: IdentityOperator(shape: shape))
        XCTAssertGreaterThan(psnr(x, clean), psnr(noisy, clean) + 6, "noisy \(psnr(noisy, clean)) dB, TV \(psnr(x, clean)) dB")
    }

    /// Undersampled MRI (complex output): TV beats the zero-filled reconstruction on a piecewise-constant image.
    func testUndersampledMRIBeatsZeroFilled() throws {
        let shape = ImageShape(height: 32, width: 32)
        let forward = try operatorRegistry.make(spec("mri", ["acceleration": .number(3), "seed": .number(1)]), context: BuildContext(shape: shape))
        let clean = piecewiseConstant(shape)
        let y = try forward.apply(clean)
        let zeroFilled = try ZeroFilledBaseline().reconstruct(y, through: forward)
        let tv = try TotalVariationBaseline(weight: 0.002, iterations: 500).reconstruct(y, through: forward)
        XCTAssertGreaterThan(psnr(tv, clean), psnr(zeroFilled, clean) + 3, "zero-filled \(psnr(zeroFilled, clean)) dB, TV \(psnr(tv, clean)) dB")
    }
}

/// The TV baseline's start: the normalised back-projection, and what it does for the border of an upsampling.
final class TotalVariationStartTests: XCTestCase {
    /// ×4 bicubic super-resolution of a smooth ramp, 300 iterations: the first and last rows and columns come out as
    /// close to the truth as the interior. From black (`x = 0`), the border pixels — which enter fewer measurements and
    /// converge slowest — stayed about 0.1 dark: the frame seen in `sr4-faces` reports.
    func testTheBorderOfAnUpsamplingIsAsCloseAsItsInterior() throws {
        let side = 48
        let shape = ImageShape(height: side, width: side)
        let ramp: (Int) -> Float = { index in 0.3 + 0.4 * Float(index / side + index % side) / Float(2 * side - 2) }
        let truth = (0..<side * side).map(ramp)
        let forward = try ResizeOperator(shape: shape, height: side / 4, width: side / 4, method: .bicubic)
        let x = try TotalVariationBaseline(weight: 0.001, iterations: 300).reconstruct(try forward.apply(truth), through: forward)
        func meanError(_ indices: [Int]) -> Float { indices.map { abs(x[$0] - truth[$0]) }.reduce(0, +) / Float(indices.count) }
        let last = side - 1
        let border: [Int] = (0..<side).flatMap { k -> [Int] in [k, last * side + k, k * side, k * side + last] }
        let middle = side / 4..<3 * side / 4
        let interior: [Int] = middle.flatMap { i -> [Int] in middle.map { i * side + $0 } }
        XCTAssertLessThan(meanError(border), 0.01)
        XCTAssertLessThan(meanError(interior), 0.01)
    }

    /// `Aᵀy ⊘ Aᵀ1` is `y` for the identity, the known pixels (and their mean in the holes) for inpainting, and
    /// absent for an operator whose `Aᵀ1` is signed.
    func testNormalizedBackProjectionByOperator() throws {
        let shape = ImageShape(height: 2, width: 3)
        let y: [Float] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
        XCTAssertEqual(try normalizedBackProjection(y, through: IdentityOperator(shape: shape)), y)
        let mask: [Float] = [1, 0, 1, 1, 0, 1]
        let holes = try InpaintOperator(shape: shape, mask: InpaintMask(height: 2, width: 3, values: mask))
        let known: [Float] = zip(y, mask).map { $0 * $1 }
        let filled = try XCTUnwrap(try normalizedBackProjection(try holes.apply(known), through: holes))
        XCTAssertEqual(filled[0], 0.1, accuracy: 1e-6)
        XCTAssertEqual(filled[1], (0.1 + 0.3 + 0.4 + 0.6) / 4, accuracy: 1e-6)
        let signed = MatrixOperator(rows: 2, columns: 2, entries: [1, -2, 0, 1])   // Aᵀ1 = (1, −1)
        XCTAssertNil(try normalizedBackProjection([1, 1], through: signed))
    }
}
