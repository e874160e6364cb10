import XCTest
import TestSupport
@testable import INR
import SeededRandom

/// The sgemm wrappers against naive Double triple loops over the definitions.
final class DenseProductsTests: XCTestCase {
    func randomValues(_ count: Int, _ random: inout RandomSource) -> [Float] {
        (0..<count).map { _ in random.uniform(-1, 1) }
    }

    func testThreeProducts() {
        var random = RandomSource(seed: 5)
        let (n, inputs, outputs) = (301, 7, 5)
        let x = randomValues(n * inputs, &random), w = randomValues(outputs * inputs, &random)
        let dz = randomValues(n * outputs, &random), start = randomValues(outputs * inputs, &random)
        var z = [Float](repeating: 0, count: n * outputs)
        var dx = [Float](repeating: 0, count: n * inputs)
        var dw = [Float](repeating: 0, count: outputs * inputs)
        var dwAccumulated = start
        DenseProducts.forward(rows: n, inputs: inputs, outputs: outputs, x: x, weight: w, z: &z, leadingDimension: outputs)
        DenseProducts.inputGradient(rows: n, inputs: inputs, outputs: outputs, dz: dz, weight: w, dx: &dx, accumulate: false)
        DenseProducts.weightGradient(rows: n, inputs: inputs, outputs: outputs, dz: dz, x: x, dw: &dw, accumulate: false)
        DenseProducts.weightGradient(rows: n, inputs: inputs, outputs: outputs, dz: dz, x: x, dw: &dwAccumulated, accumulate: true)

        var expectedZ = [Double](repeating: 0, count: n * outputs)
        var expectedDX = [Double](repeating: 0, count: n * inputs)
        var expectedDW = [Double](repeating: 0, count: outputs * inputs)
        for i in 0..<n {
            for o in 0..<outputs {
                for k in 0..<inputs {
                    expectedZ[i * outputs + o] += Double(x[i * inputs + k]) * Double(w[o * inputs + k])
                    expectedDX[i * inputs + k] += Double(dz[i * outputs + o]) * Double(w[o * inputs + k])
                    expectedDW[o * inputs + k] += Double(dz[i * outputs + o]) * Double(x[i * inputs + k])
                }
            }
        }
        XCTAssertLessThan(relativeMaxError(z, expectedZ), 1e-6)
        XCTAssertLessThan(relativeMaxError(dx, expectedDX), 1e-6)
        XCTAssertLessThan(relativeMaxError(dw, expectedDW), 1e-6)
        XCTAssertLessThan(relativeMaxError(dwAccumulated, zip(expectedDW, start).map { $0 + Double($1) }), 1e-6)
    }
}
