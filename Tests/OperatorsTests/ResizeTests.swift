import Imaging
import XCTest
@testable import Operators

final class ResizeTests: XCTestCase {
    private func resize(_ parameters: [String: ParameterValue], _ shape: ImageShape) throws -> any LinearOperator {
        try operatorRegistry.make(spec("resize", parameters), context: BuildContext(shape: shape))
    }

    /// The operator against `Image.resized`, an independent path (Double sums over nested weight arrays, columns then
    /// a transposed pass for rows) computing the same Pillow weights.
    func testApplyEqualsImageResized() throws {
        let cases: [(ImageShape, [String: ParameterValue], Int, Int, ResizeMethod)] = [
            (ImageShape(height: 178, width: 178), ["factor": .number(4)], 45, 45, .bicubic),
            (ImageShape(height: 64, width: 48, channels: 3), ["height": .number(32), "width": .number(24), "method": .string("area")], 32, 24, .areaAverage),
            (ImageShape(height: 37, width: 29, channels: 2), ["factor": .number(1.5), "method": .string("area")], 25, 19, .areaAverage),
            (ImageShape(height: 20, width: 13, channels: 3), ["height": .number(33), "width": .number(9)], 33, 9, .bicubic),
        ]
        for (index, (shape, parameters, height, width, method)) in cases.enumerated() {
            let pixels = gaussianSamples(shape.count, seed: UInt64(index)).map { 0.5 + 0.2 * $0 }
            let image = Image(height: shape.height, width: shape.width, channels: shape.channels, pixels: pixels)
            let op = try resize(parameters, shape)
            XCTAssertEqual(op.outputShape, ImageShape(height: height, width: width, channels: shape.channels))
            let reference = try image.resized(height: height, width: width, method: method)
            XCTAssertLessThan(relativeError(try op.apply(pixels), reference.pixels), 1e-6, "case \(index): \(op)")
        }
    }

    func testConstantStaysConstantAndAreaPreservesBlockMeans() throws {
        let shape = ImageShape(height: 12, width: 8)
        for method in ["bicubic", "area"] {
            for value in try resize(["height": .number(5), "width": .number(11), "method": .string(method)], shape)
                .apply([Float](repeating: 0.3, count: shape.count)) {
                XCTAssertEqual(value, 0.3, accuracy: 1e-6, method)
            }
        }
        // Area averaging by an integer factor is the plain block mean.
        let x = gaussianSamples(shape.count, seed: 9)
        let y = try resize(["factor": .number(4), "method": .string("area")], shape).apply(x)
        for m in 0..<3 {
            for n in 0..<2 {
                var sum = 0.0
                for i in 0..<4 { for j in 0..<4 { sum += Double(x[(4 * m + i) * 8 + 4 * n + j]) } }
                XCTAssertEqual(Double(y[m * 2 + n]), sum / 16, accuracy: 1e-6)
            }
        }
    }

    /// `⟨Ax, y⟩ = ⟨x, Aᵀy⟩` on random pairs, accumulated in Double, for shrinking, enlarging and fractional factors.
    func testDotProductAdjoint() throws {
        let cases: [(ImageShape, [String: ParameterValue])] = [
            (ImageShape(height: 178, width: 178), ["factor": .number(4)]),
            (ImageShape(height: 21, width: 30, channels: 3), ["height": .number(40), "width": .number(7), "method": .string("area")]),
            (ImageShape(height: 9, width: 14, channels: 2), ["factor": .number(0.4)]),
        ]
        for (index, (shape, parameters)) in cases.enumerated() {
            let op = try resize(parameters, shape)
            let x = gaussianSamples(shape.count, seed: 100 + UInt64(index))
            let y = gaussianSamples(op.outputShape.count, seed: 200 + UInt64(index))
            let left = dot(try op.apply(x), y), right = dot(x, try op.adjoint(y))
            XCTAssertEqual(left, right, accuracy: 1e-5 * max(abs(left), 1), "\(op)")
        }
    }

    func testFactorRoundsToTheNearestSize() throws {
        XCTAssertEqual(try resize(["factor": .number(4)], ImageShape(height: 178, width: 90)).outputShape,
                       ImageShape(height: 45, width: 23))   // 44.5 → 45, 22.5 → 23
        XCTAssertEqual(try resize(["factor": .number(100)], ImageShape(height: 30, width: 20)).outputShape,
                       ImageShape(height: 1, width: 1))     // never below 1 pixel
        XCTAssertEqual(try resize(["factor": .number(0.5)], ImageShape(height: 3, width: 5, channels: 3)).outputShape,
                       ImageShape(height: 6, width: 10, channels: 3))
    }

    func testBadParametersAreClearErrors() {
        let shape = ImageShape(height: 32, width: 32)
        func message(_ parameters: [String: ParameterValue]) -> String {
            errorMessage { try self.resize(parameters, shape) } ?? "no error"
        }
        XCTAssertEqual(message([:]), "resize: missing required parameter 'factor (or height and width)'")
        XCTAssertEqual(message(["factor": .number(2), "height": .number(16)]),
                       "resize: parameter 'factor' cannot be combined with height/width; give either factor or height and width")
        XCTAssertEqual(message(["factor": .number(0)]), "resize: parameter 'factor' must be > 0, got 0")
        XCTAssertEqual(message(["factor": .number(-2)]), "resize: parameter 'factor' must be > 0, got -2")
        XCTAssertEqual(message(["height": .number(16)]), "resize: missing required parameter 'width'")
        XCTAssertEqual(message(["height": .number(16), "width": .number(0)]), "resize: parameter 'width' must be ≥ 1, got 0")
        XCTAssertEqual(message(["height": .number(2.5), "width": .number(3)]), "resize: parameter 'height' must be an integer, got 2.5")
        XCTAssertEqual(message(["factor": .number(2), "method": .string("lanczos")]),
                       "resize: parameter 'method' must be one of bicubic|area, got 'lanczos'")
        XCTAssertEqual(message(["factor": .number(1e-6)]),
                       "resize: parameter 'factor' makes a 32000000×32000000 output, more than 268435456 samples")
        XCTAssertEqual(message(["factor": .number(2), "filter": .string("box")]),
                       "resize: unknown parameter 'filter'; valid parameters: factor, height, width, method")
    }
}
