import XCTest
@testable import INR
import SeededRandom

final class InitialisationTests: XCTestCase {
    /// xoshiro256** seeded by SplitMix64, against an independent Python implementation of the published algorithms.
    func testRandomSourceMatchesReferenceSequence() {
        var zero = RandomSource(seed: 0)
        XCTAssertEqual([zero.next(), zero.next(), zero.next()], [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0])
        var fortyTwo = RandomSource(seed: 42)
        XCTAssertEqual(
            [fortyTwo.next(), fortyTwo.next(), fortyTwo.next()], [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1])
    }

    func testSameSeedSameBitsOtherSeedOtherBits() throws {
        for family in [Family.siren(omegaFirst: 30, omegaHidden: 30), .fourierFeatures(features: 8, sigma: 10), .gaussian(scale: 3)] {
            let architecture = try Architecture(family: family, width: 32, layers: 3, outputs: 3)
            let a = try Network(architecture: architecture, seed: 7)
            let b = try Network(architecture: architecture, seed: 7)
            let c = try Network(architecture: architecture, seed: 8)
            XCTAssertEqual(a.parameters.map(\.bitPattern), b.parameters.map(\.bitPattern))
            XCTAssertEqual(a.fourierMatrix, b.fourierMatrix)
            XCTAssertNotEqual(a.parameters, c.parameters)
        }
    }

    /// Sitzmann et al.: first W ~ U(±1/in), other W ~ U(±√(6/in)/ω0), biases U(±1/√in). Checks the bounds hold and
    /// are nearly reached, and that the mean and variance match U(−a, a): 0 and a²/3.
    func testSirenInitialisationBounds() throws {
        let omega: Float = 30
        let network = try Network(architecture: Architecture.siren(outputs: 3, width: 256, layers: 6, omega: omega), seed: 0)
        for (k, layer) in network.layout.layers.enumerated() {
            let fanIn = Double(layer.inputs)
            let weightBound = k == 0 ? 1 / fanIn : (6 / fanIn).squareRoot() / Double(omega)
            let biasBound = 1 / fanIn.squareRoot()
            for (values, bound) in [
                (Array(network.parameters[layer.weightOffset..<layer.biasOffset]), weightBound),
                (Array(network.parameters[layer.biasOffset..<layer.end]), biasBound),
            ] {
                let largest = Double(values.map(abs).max()!)
                XCTAssertLessThanOrEqual(largest, bound * (1 + 1e-6), "layer \(k)")
                guard values.count >= 256 else { continue }
                XCTAssertGreaterThan(largest, 0.97 * bound, "layer \(k)")
                let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
                let variance = values.reduce(0.0) { $0 + pow(Double($1) - mean, 2) } / Double(values.count)
                let sd = bound / 3.0.squareRoot()
                XCTAssertEqual(mean, 0, accuracy: 5 * sd / Double(values.count).squareRoot(), "layer \(k)")
                XCTAssertEqual(variance, sd * sd, accuracy: 0.15 * sd * sd, "layer \(k)")
            }
        }
    }

    /// B ~ N(0, σ²): sample mean and standard deviation of many entries.
    func testFourierMatrixIsGaussianWithSigma() throws {
        let network = try Network(
            architecture: Architecture(family: .fourierFeatures(features: 2000, sigma: 10), dimensions: [2, 4, 1]), seed: 3)
        let b = try XCTUnwrap(network.fourierMatrix).values.map(Double.init)
        let mean = b.reduce(0, +) / Double(b.count)
        let sd = (b.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(b.count)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 5 * 10 / Double(b.count).squareRoot())
        XCTAssertEqual(sd, 10, accuracy: 0.5)
    }
}
