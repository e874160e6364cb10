import XCTest
@testable import INR

/// Bad hyper-parameters and diverging fits give clear one-line errors naming the field, never a crash.
final class ValidationTests: XCTestCase {
    func testBadArchitectures() {
        assertThrowsINRError(["ω0 (first layer)", "0.0", "> 0"]) { _ = try Architecture.siren(outputs: 3, omega: 0) }
        assertThrowsINRError(["ω0 (hidden layers)", "-2"]) {
            _ = try Architecture(family: .siren(omegaFirst: 30, omegaHidden: -2), dimensions: [2, 4, 1])
        }
        assertThrowsINRError(["width of layer 0", "is 0"]) { _ = try Architecture.siren(outputs: 3, width: 0) }
        assertThrowsINRError(["outputs", "is 0"]) { _ = try Architecture.siren(outputs: 0) }
        assertThrowsINRError(["layers", "is 0"]) { _ = try Architecture.siren(outputs: 1, layers: 0) }
        assertThrowsINRError(["Fourier σ"]) { _ = try Architecture(family: .fourierFeatures(features: 4, sigma: .nan), dimensions: [2, 1]) }
        assertThrowsINRError(["Fourier features", "is 0"]) { _ = try Architecture(family: .fourierFeatures(features: 0, sigma: 1), dimensions: [2, 1]) }
        assertThrowsINRError(["Gaussian scale"]) { _ = try Architecture(family: .gaussian(scale: -1), dimensions: [2, 1]) }
    }

    func testBadFitData() throws {
        let network = try Network(architecture: Architecture.siren(outputs: 3, width: 8, layers: 2), seed: 0)
        assertThrowsINRError(["fit data", "N × 3", "4 × 1"]) {
            _ = try ImageFit(network: network, coordinates: grid(side: 2), target: Matrix(rows: 4, columns: 1), options: FitOptions(iterations: 1))
        }
        assertThrowsINRError(["chunk rows", "0"]) {
            _ = try ImageFit(
                network: network, coordinates: grid(side: 2), target: Matrix(rows: 4, columns: 3),
                options: FitOptions(iterations: 1, chunkRows: 0))
        }
    }

    /// An absurd learning rate blows the parameters up; the fit stops at the first non-finite loss, naming the
    /// iteration and hinting at the learning rate and ω0.
    func testDivergingFitStopsWithAnError() throws {
        let network = try Network(architecture: Architecture.siren(outputs: 1, width: 8, layers: 3), seed: 0)
        let fit = try ImageFit(
            network: network, coordinates: grid(side: 4), target: Matrix(rows: 16, columns: 1, repeating: 0.5),
            options: FitOptions(iterations: 10, adam: .init(learningRate: 1e38)))
        do {
            try fit.run()
            XCTFail("expected the fit to stop")
        } catch let INRError.nonFiniteLoss(iteration, _, hint) {
            XCTAssertGreaterThan(iteration, 1)
            XCTAssertLessThanOrEqual(iteration, 10)
            XCTAssertTrue(hint.contains("learning rate") && hint.contains("ω0"), hint)
        }
    }

    /// A NaN loss reads "NaN" whatever its sign bit (printing a Double shows "nan" or "-nan").
    func testANonFiniteLossReadsTheSameWhateverItsSign() {
        let negativeNaN = -Double.nan
        XCTAssertEqual(negativeNaN.sign, .minus)
        XCTAssertEqual(negativeNaN.lossDescription, "NaN")
        XCTAssertEqual(Double.nan.lossDescription, "NaN")
        XCTAssertEqual(INRError.nonFiniteLoss(iteration: 3, loss: negativeNaN, hint: "h").description, "the loss became NaN at iteration 3; h")
        XCTAssertEqual((-Double.infinity).lossDescription, "-inf")
        XCTAssertEqual(0.25.lossDescription, "0.25")
    }
}
