import XCTest
@testable import INR

/// The SIMD sine/cosine against Double `sin`/`cos` (Glibc, correctly rounded to well below Float resolution).
final class VectorMathTests: XCTestCase {
    func maximumErrors(_ xs: [Float]) -> (sin: Double, cos: Double) {
        var worst = (sin: 0.0, cos: 0.0)
        var i = 0
        while i + 16 <= xs.count {
            let v = SIMD16<Float>(xs[i..<(i + 16)])
            let (s16, c16) = SIMD16<Float>.sineCosine(v)
            let (s8, c8) = SIMD8<Float>.sineCosine(v.lowHalf)
            XCTAssertEqual(s8, s16.lowHalf)  // one algorithm whatever the vector width
            XCTAssertEqual(c8, c16.lowHalf)
            for l in 0..<16 {
                worst.sin = max(worst.sin, abs(Double(s16[l]) - sin(Double(v[l]))))
                worst.cos = max(worst.cos, abs(Double(c16[l]) - cos(Double(v[l]))))
            }
            i += 16
        }
        return worst
    }

    func testAccuracyOverMinus500To500() {
        // A dense uniform sweep plus every float near the quadrant boundaries k·π/4 where reduction is hardest.
        var xs = (0..<800_000).map { Float(-500 + 1000 * (Double($0) + 0.5) / 800_000) }
        for k in -636...636 {
            let boundary = Float(Double(k) * Double.pi / 4)
            var x = boundary
            for _ in 0..<8 {
                xs.append(x)
                xs.append(-x)
                x = x.nextUp
            }
        }
        xs += [0, -0.0, 500, -500, Float.leastNormalMagnitude, 1e-30]
        xs += Array(repeating: 0, count: (16 - xs.count % 16) % 16)
        let worst = maximumErrors(xs)
        XCTAssertLessThanOrEqual(worst.sin, 2e-6)
        XCTAssertLessThanOrEqual(worst.cos, 2e-6)
    }

    func testExactSpecialValues() {
        let (s, c) = SIMD8<Float>.sineCosine(SIMD8(repeating: 0))
        XCTAssertEqual(s, SIMD8(repeating: 0))
        XCTAssertEqual(c, SIMD8(repeating: 1))
    }
}
