import Imaging
import XCTest
@testable import Baselines
import Operators

/// `bicubic`, `fbp` and `zero_filled`, each on its own operator, and their refusal of the others.
final class OperatorSpecificBaselinesTests: XCTestCase {
    private func make(_ parameters: ParameterMap, _ shape: ImageShape) throws -> any LinearOperator {
        try operatorRegistry.make(parameters, context: BuildContext(shape: shape))
    }

    func testBicubicEnlargesWithImageResized() throws {
        let cases: [(ParameterMap, ImageShape)] = [
            (spec("downsample", ["factor": .number(2)]), ImageShape(height: 16, width: 12, channels: 3)),
            (spec("resize", ["factor": .number(4)]), ImageShape(height: 178, width: 178)),
        ]
        for (parameters, shape) in cases {
            let forward = try make(parameters, shape)
            let y = gaussianSamples(forward.outputShape.count, seed: 3)
            let low = Image(height: forward.outputShape.height, width: forward.outputShape.width, channels: shape.channels, pixels: y)
            let expected = try low.resized(height: shape.height, width: shape.width, method: .bicubic)
            XCTAssertEqual(try BicubicBaseline().reconstruct(y, through: forward), expected.pixels, "\(forward)")
        }
    }

    /// Bicubic recovers a smooth image from its ×2 bicubic downsampling to better than 40 dB (measured: 43.3 dB).
    func testBicubicRecoversASmoothImage() throws {
        let shape = ImageShape(height: 32, width: 32)
        let x = (0..<shape.count).map { (s: Int) -> Float in
            let (i, j) = (Double(s / shape.width), Double(s % shape.width))
            return Float(0.5 + 0.4 * sin(i / 5) * cos(j / 7))
        }
        let forward = try make(spec("resize", ["factor": .number(2)]), shape)
        let estimate = try BicubicBaseline().reconstruct(try forward.apply(x), through: forward)
        XCTAssertGreaterThan(psnr(estimate, x), 40)
    }

    func testFBPIsFilteredBackProjectionOfTheRadonGeometry() throws {
        let shape = ImageShape(height: 24, width: 24)
        let forward = try make(spec("radon", ["angles": .number(30)]), shape)
        let radon = try XCTUnwrap(forward as? RadonOperator)
        let y = try forward.apply(gaussianSamples(shape.count, seed: 4))
        let expected = try FilteredBackProjection(geometry: radon, filter: .hann).reconstruct(y)
        let baseline = try baselineRegistry.make(spec("fbp", ["filter": .string("hann")]), context: BuildContext(shape: shape))
        XCTAssertEqual(try baseline.reconstruct(y, through: forward), expected)
    }

    func testZeroFilledInvertsFullySampledMRI() throws {
        let shape = ImageShape(height: 16, width: 20, channels: 3)
        let x = gaussianSamples(shape.count, seed: 5)
        let forward = try make(spec("mri", ["mask": .string("full")]), shape)
        XCTAssertLessThan(relativeError(try ZeroFilledBaseline().reconstruct(try forward.apply(x), through: forward), x), 1e-5)
    }

    func testEachRefusesOtherOperators() throws {
        let shape = ImageShape(height: 16, width: 16)
        let blur = try make(spec("blur", ["kernel": .string("box"), "size": .number(3)]), shape)
        let radon = try make(spec("radon", ["angles": .number(8)]), shape)
        let mri = try make(spec("mri", ["mask": .string("full")]), shape)
        XCTAssertEqual(errorMessage { try BicubicBaseline().reconstruct(try blur.apply([Float](repeating: 0, count: 256)), through: blur) },
                       "baseline 'bicubic' does not apply to the forward operator \(blur); it applies only to the downsample and resize operators")
        XCTAssertEqual(errorMessage { try FilteredBackProjectionBaseline().reconstruct([Float](repeating: 0, count: mri.outputShape.count), through: mri) },
                       "baseline 'fbp' does not apply to the forward operator \(mri); it applies only to the radon operator")
        XCTAssertEqual(errorMessage { try ZeroFilledBaseline().reconstruct([Float](repeating: 0, count: radon.outputShape.count), through: radon) },
                       "baseline 'zero_filled' does not apply to the forward operator \(radon); it applies only to the mri operator")
    }

    func testMeasurementOfTheWrongSizeIsRefused() throws {
        let shape = ImageShape(height: 16, width: 16)
        let down = try make(spec("downsample", ["factor": .number(2)]), shape)
        for baseline in baselineRegistry.names where !["fbp", "zero_filled"].contains(baseline) {
            let reconstructor = try baselineRegistry.make(spec(baseline), context: BuildContext(shape: shape))
            XCTAssertEqual(errorMessage { try reconstructor.reconstruct([Float](repeating: 0, count: 63), through: down) },
                           "\(baseline) measurement of \(down): expected shape 8×8×1 (64 samples), got 63 samples")
        }
    }
}
