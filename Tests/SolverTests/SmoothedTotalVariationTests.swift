import XCTest
import Operators
import SeededRandom
@testable import Solver

/// The smoothed TV against closed forms and its gradient against finite differences in Double.
final class SmoothedTotalVariationTests: XCTestCase {
    /// A ramp along columns, constant down rows: every pixel but the last column has gradient magnitude |a|.
    func testRampHasTheClosedFormValue() {
        let (height, width, slope): (Int, Int, Float) = (5, 7, 0.125)
        let tv = SmoothedTotalVariation(shape: ImageShape(height: height, width: width), epsilon: 1e-3)
        let ramp = (0..<height * width).map { Float($0 % width) * slope }
        let expected = Double(height * (width - 1)) * (Double(slope * slope + 1e-6).squareRoot() - 1e-3)
        XCTAssertEqual(tv.value(ramp), expected, accuracy: 1e-6)
        XCTAssertEqual(tv.value([Float](repeating: 0.3, count: height * width)), 0, accuracy: 1e-9)
    }

    /// Channels are independent: the TV of an RGB image is the sum of its channels' TVs.
    func testChannelsAddUp() {
        var random = RandomSource(seed: 1)
        let rgb = (0..<6 * 5 * 3).map { _ in random.uniform(0, 1) }
        let total = SmoothedTotalVariation(shape: ImageShape(height: 6, width: 5, channels: 3)).value(rgb)
        let single = SmoothedTotalVariation(shape: ImageShape(height: 6, width: 5, channels: 1))
        let sum = (0..<3).reduce(0.0) { sum, c in sum + single.value(stride(from: c, to: rgb.count, by: 3).map { rgb[$0] }) }
        XCTAssertEqual(total, sum, accuracy: 1e-5)
    }

    func testGradientMatchesFiniteDifferences() {
        var random = RandomSource(seed: 2)
        let shape = ImageShape(height: 4, width: 5, channels: 2)
        let tv = SmoothedTotalVariation(shape: shape, epsilon: 0.05)
        let x = (0..<shape.count).map { _ in random.uniform(0, 1) }
        let gradient = tv.gradient(x)
        let h: Float = 1e-3
        for i in x.indices {
            var plus = x, minus = x
            plus[i] += h
            minus[i] -= h
            let finiteDifference = (tv.value(plus) - tv.value(minus)) / (2 * Double(h))
            XCTAssertEqual(Double(gradient[i]), finiteDifference, accuracy: 2e-3 * max(1, abs(finiteDifference)), "sample \(i)")
        }
    }
}
