import XCTest
@testable import INR

final class OptimiserTests: XCTestCase {
    /// Closed forms: after one step m̂ = g and v̂ = g², so p₁ = p₀ − lr·g/(|g| + ε); after two steps with gradients
    /// g₁, g₂: m̂ = (0.9·0.1·g₁ + 0.1·g₂)/(1 − 0.9²), v̂ = (0.999·0.001·g₁² + 0.001·g₂²)/(1 − 0.999²).
    func testAdamClosedForm() throws {
        let adam = try Adam(parameterCount: 3, configuration: .init(learningRate: 0.01))
        var p: [Float] = [1, -2, 0.5]
        let g1: [Float] = [0.3, -4, 1e-9]
        try adam.update(parameters: &p, gradient: g1)
        for i in 0..<3 {
            let expected = [1.0, -2, 0.5][i] - 0.01 * Double(g1[i]) / (abs(Double(g1[i])) + 1e-8)
            XCTAssertEqual(Double(p[i]), expected, accuracy: 1e-6)
        }
        let before = p.map(Double.init)
        let g2: [Float] = [-0.1, 2, 3]
        try adam.update(parameters: &p, gradient: g2)
        for i in 0..<3 {
            let (a, b) = (Double(g1[i]), Double(g2[i]))
            let m = (0.9 * 0.1 * a + 0.1 * b) / (1 - 0.81)
            let v = (0.999 * 0.001 * a * a + 0.001 * b * b) / (1 - 0.999 * 0.999)
            XCTAssertEqual(Double(p[i]), before[i] - 0.01 * m / (v.squareRoot() + 1e-8), accuracy: 1e-6)
        }
        XCTAssertEqual(adam.step, 2)
    }

    func testSchedules() {
        XCTAssertEqual(LearningRateSchedule.constant.rate(base: 0.1, iteration: 77), 0.1)
        let cosine = LearningRateSchedule.cosine(iterations: 100, floor: 0.1)
        XCTAssertEqual(cosine.rate(base: 1, iteration: 1), 1, accuracy: 1e-7)
        XCTAssertEqual(cosine.rate(base: 1, iteration: 51), 0.55, accuracy: 1e-6)
        XCTAssertEqual(cosine.rate(base: 1, iteration: 101), 0.1, accuracy: 1e-7)
        let step = LearningRateSchedule.step(every: 10, factor: 0.5)
        XCTAssertEqual(step.rate(base: 1, iteration: 10), 1)
        XCTAssertEqual(step.rate(base: 1, iteration: 11), 0.5)
        XCTAssertEqual(step.rate(base: 1, iteration: 25), 0.25)
    }

    func testBadAdamSettings() {
        assertThrowsINRError(["learning rate", "-1"]) { _ = try Adam(parameterCount: 1, configuration: .init(learningRate: -1)) }
        assertThrowsINRError(["β2", "1.0"]) { _ = try Adam(parameterCount: 1, configuration: .init(beta2: 1)) }
        assertThrowsINRError(["Adam update", "2 parameters"]) {
            var p: [Float] = [0, 0]
            try Adam(parameterCount: 1).update(parameters: &p, gradient: [0, 0])
        }
    }
}
