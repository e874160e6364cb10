import XCTest
@testable import Operators

final class DownsampleTests: XCTestCase {
    func testConstantImageStaysConstantForEveryFilter() throws {
        let shape = ImageShape(height: 24, width: 18, channels: 3)
        for filter in DownsampleFilter.allCases {
            for factor in [2, 3] {
                let down = try DownsampleOperator(shape: shape, factor: factor, filter: filter)
                for value in try down.apply([Float](repeating: 0.37, count: shape.count)) {
                    XCTAssertEqual(value, 0.37, accuracy: 1e-6, "\(filter) ×\(factor)")
                }
            }
        }
    }

    func testBoxEqualsBlockAverages() throws {
        let shape = ImageShape(height: 12, width: 8, channels: 2), factor = 4
        let x = gaussianSamples(shape.count, seed: 5)
        let y = try DownsampleOperator(shape: shape, factor: factor, filter: .box).apply(x)
        for m in 0..<3 {
            for n in 0..<2 {
                for c in 0..<2 {
                    var sum = 0.0
                    for i in 0..<factor { for j in 0..<factor { sum += Double(x[((factor * m + i) * 8 + factor * n + j) * 2 + c]) } }
                    XCTAssertEqual(Double(y[(m * 2 + n) * 2 + c]), sum / 16, accuracy: 1e-5)
                }
            }
        }
    }

    func testBicubicTapsAreKeysCubicStretched() {
        // For factor 2 the interior taps sit at offsets ±0.5, ±1.5, ±2.5, ±3.5 from the block centre.
        let expected = [3.5, 2.5, 1.5, 0.5].map { keysCubic($0 / 2) }
        let total = 2 * expected.reduce(0, +)
        let taps = SeparableTaps(inputLength: 16, factor: 2, support: 4) { keysCubic($0 / 2) }
        let weights = Array(taps.taps(3).map { Double($0.1) })
        XCTAssertEqual(weights.count, 8)
        for (weight, reference) in zip(weights, expected + expected.reversed()) {
            XCTAssertEqual(weight, reference / total, accuracy: 1e-6)
        }
    }

    func testFactorThatDoesNotDivideIsRefused() {
        let message = errorMessage { try DownsampleOperator(shape: ImageShape(height: 30, width: 32), factor: 4, filter: .box) }
        XCTAssertEqual(message?.contains("'factor'"), true)
        XCTAssertEqual(message?.contains("does not divide"), true)
    }
}
