import XCTest
@testable import Operators
import SeededRandom

final class NoiseTests: XCTestCase {
    private func moments(_ samples: [Float]) -> (mean: Double, variance: Double) {
        let mean = samples.reduce(0.0) { $0 + Double($1) } / Double(samples.count)
        let variance = samples.reduce(0.0) { $0 + pow(Double($1) - mean, 2) } / Double(samples.count - 1)
        return (mean, variance)
    }

    /// Mean and variance within 5 standard errors (the variance's standard error from the fourth moment bound
    /// `√(2/n)·σ²·k` with a generous kurtosis factor `k = 2`).
    private func assertMoments(_ model: any NoiseModel, clean: Float, mean: Double, variance: Double,
                               file: StaticString = #filePath, line: UInt = #line) {
        let n = 200_000
        let (sampleMean, sampleVariance) = moments(model.sample([Float](repeating: clean, count: n), seed: 99))
        XCTAssertEqual(sampleMean, mean, accuracy: 5 * (variance / Double(n)).squareRoot(), "\(model) mean", file: file, line: line)
        XCTAssertEqual(sampleVariance, variance, accuracy: 5 * 2 * variance * (2 / Double(n)).squareRoot(),
                       "\(model) variance", file: file, line: line)
        XCTAssertEqual(model.variance(at: Double(clean)), variance, accuracy: 1e-6 * variance,  // clean is a Float
                       "\(model) variance(at:)", file: file, line: line)
    }

    func testSampleMomentsMatchTheModels() throws {
        assertMoments(try GaussianNoise(sigma: 0.1), clean: 0.4, mean: 0.4, variance: 0.01)
        assertMoments(try PoissonNoise(peak: 4), clean: 0.5, mean: 0.5, variance: 0.5 / 4)      // rate 2: Knuth
        assertMoments(try PoissonNoise(peak: 100), clean: 0.7, mean: 0.7, variance: 0.7 / 100)  // rate 70: PTRS
        assertMoments(try PoissonGaussianNoise(peak: 30, sigma: 0.05), clean: 0.6, mean: 0.6, variance: 0.6 / 30 + 0.0025)
        assertMoments(try UniformNoise(amplitude: 0.2), clean: 0.3, mean: 0.3, variance: 0.04 / 3)
        let p = 0.1
        assertMoments(try SaltPepperNoise(probability: p), clean: 0.5, mean: 0.5, variance: p * 0.25)
        let noisy = try SaltPepperNoise(probability: p).sample([Float](repeating: 0.5, count: 100_000), seed: 1)
        XCTAssertEqual(Double(noisy.filter { $0 == 0 }.count) / 1e5, p / 2, accuracy: 5 * (p / 2 / 1e5).squareRoot())
        XCTAssertTrue(try UniformNoise(amplitude: 0.2).sample([Float](repeating: 0.3, count: 10_000), seed: 2)
            .allSatisfy { abs($0 - 0.3) <= 0.2 + 1e-6 })
    }

    /// The discrepancy of a model's own draws about the clean values that made them is 1 (to the sampling error
    /// of 200 000 samples), 0 for an exact fit, and for Gaussian noise the mean squared residual over σ².
    func testDiscrepancyOfTheCleanMeasurementIsOne() throws {
        let clean = (0..<200_000).map { Float(0.1 + 0.8 * Double($0 % 97) / 96) }
        for model: any NoiseModel in [try GaussianNoise(sigma: 0.1), try PoissonNoise(peak: 50),
                                      try PoissonGaussianNoise(peak: 20, sigma: 0.05), try SaltPepperNoise(probability: 0.1),
                                      try UniformNoise(amplitude: 0.2)] {
            let noisy = model.sample(clean, seed: 5)
            let d = clean.withUnsafeBufferPointer { z in noisy.withUnsafeBufferPointer { model.discrepancy(prediction: z, measurement: $0) } }
            XCTAssertEqual(d, 1, accuracy: 0.05, "\(model)")
            let exact = noisy.withUnsafeBufferPointer { model.discrepancy(prediction: $0, measurement: $0) }
            XCTAssertEqual(exact, 0, "\(model)")
        }
        let gaussian = try GaussianNoise(sigma: 0.2)
        let z: [Float] = [0.1, 0.5, 0.9], y: [Float] = [0.3, 0.5, 0.6]
        let d = z.withUnsafeBufferPointer { zs in y.withUnsafeBufferPointer { gaussian.discrepancy(prediction: zs, measurement: $0) } }
        XCTAssertEqual(d, (0.04 + 0 + 0.09) / 3 / 0.04, accuracy: 1e-6)
    }

    func testSameSeedSameBitsAndDifferentSeedDifferentBits() throws {
        let clean = gaussianSamples(1000, seed: 3).map { abs($0) }
        for model: any NoiseModel in [try GaussianNoise(sigma: 0.1), try PoissonNoise(peak: 50),
                                      try PoissonGaussianNoise(peak: 5, sigma: 0.02), try SaltPepperNoise(probability: 0.2),
                                      try UniformNoise(amplitude: 0.1)] {
            let a = model.sample(clean, seed: 7), b = model.sample(clean, seed: 7), c = model.sample(clean, seed: 8)
            XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern), "\(model)")
            XCTAssertNotEqual(a, c, "\(model)")
        }
    }

    func testLossGradientsMatchFiniteDifferences() throws {
        let models: [any NoiseModel] = [try GaussianNoise(sigma: 0.1), try PoissonNoise(peak: 10),
                                        try PoissonGaussianNoise(peak: 10, sigma: 0.05), try SaltPepperNoise(probability: 0.1),
                                        try UniformNoise(amplitude: 0.2)]
        var generator = RandomSource(seed: 4)
        for model in models {
            for _ in 0..<50 {
                let z = 0.05 + 0.9 * generator.unitInterval(), y = Double(model.sample(Float(0.5), using: &generator))
                let h = 1e-6
                let numeric = (model.loss(prediction: z + h, measurement: y).value
                    - model.loss(prediction: z - h, measurement: y).value) / (2 * h)
                let analytic = model.loss(prediction: z, measurement: y).derivative
                XCTAssertEqual(analytic, numeric, accuracy: 1e-5 * max(1, abs(numeric)), "\(model) at z=\(z), y=\(y)")
            }
        }
        // The buffer entry point returns the sum of the losses and writes the derivatives.
        let model = try PoissonNoise(peak: 10)
        let z: [Float] = [0.2, 0.5, 0.9], y: [Float] = [0.3, 0.5, 0.4]
        let total = try model.negativeLogLikelihood(prediction: z, measurement: y)
        let expected = zip(z, y).reduce(0.0) { $0 + model.loss(prediction: Double($1.0), measurement: Double($1.1)).value }
        XCTAssertEqual(total, expected, accuracy: 1e-9)
        XCTAssertEqual(try model.gradient(prediction: z, measurement: y)[1], 0, accuracy: 1e-6, "minimum at z = y")
    }

    func testPoissonLossStaysFiniteBelowZero() throws {
        let model = try PoissonNoise(peak: 10)
        let (value, derivative) = model.loss(prediction: -0.5, measurement: 0.3)
        XCTAssertTrue(value.isFinite && derivative.isFinite)
        XCTAssertLessThan(derivative, 0, "the loss decreases towards positive predictions")
    }

    func testSimulationRefusesIntensityNoiseOnComplexMeasurements() throws {
        let shape = ImageShape(height: 8, width: 8)
        let mri = try MRIOperator(shape: shape, mask: try .full(height: 8, width: 8))
        let x = [Float](repeating: 0.5, count: 64)
        XCTAssertEqual(errorMessage { try simulateMeasurement(of: x, through: mri, noise: try PoissonNoise(peak: 10), seed: 0) },
                       "noise: parameter 'name' poisson(peak=10.0) models intensities and cannot corrupt the complex measurement of mri(100.0% sampled, 8×8×1); expected gaussian or uniform")
        let noisy = try simulateMeasurement(of: x, through: mri, noise: try GaussianNoise(sigma: 0.1), seed: 3)
        let clean = try mri.apply(x)
        XCTAssertEqual(noisy.map(\.bitPattern), try GaussianNoise(sigma: 0.1).sample(clean, seed: 3).map(\.bitPattern))
    }
}
