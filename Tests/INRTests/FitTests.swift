import XCTest
@testable import INR

final class FitTests: XCTestCase {
    /// A SIREN fits a smooth 24 × 24 image well within 150 steps; the chunked fit follows the same trajectory; the
    /// best measured iterate is kept.
    func testSirenFitsASmoothImage() throws {
        let x = grid(side: 24)
        var t = Matrix(rows: 576, columns: 1)
        for i in 0..<576 { t.values[i] = Float(sin(3 * Double(x[i, 0])) * cos(4 * Double(x[i, 1]))) }
        let architecture = try Architecture.siren(outputs: 1, width: 32, layers: 3)
        var curves = [[Int: Double]]()
        for chunk in [nil, 100] {
            let fit = try ImageFit(
                network: try Network(architecture: architecture, seed: 0), coordinates: x, target: t,
                options: FitOptions(iterations: 150, adam: .init(learningRate: 1e-3), evaluateEvery: 50, chunkRows: chunk))
            var psnr = [Int: Double]()
            let history = try fit.run { if let p = $0.psnr { psnr[$0.iteration] = p } }
            XCTAssertEqual(psnr.keys.sorted(), [0, 50, 100, 150])
            // The kept best iterate is the measurement of highest PSNR, and its parameters reproduce that PSNR.
            let best = try XCTUnwrap(history.best)
            XCTAssertEqual(best.psnr, psnr.values.max())
            XCTAssertEqual(psnr[best.iteration], best.psnr)
            var network = fit.network
            network.parameters = best.parameters
            let mse = MeanSquaredError.clippedError(prediction: try network.evaluate(x, workspace: fit.workspace), target: t)
            XCTAssertEqual(MeanSquaredError.psnr(meanSquaredErrorOnPlusMinusOne: mse), best.psnr, accuracy: 1e-9)
            XCTAssertGreaterThan(psnr[150]!, psnr[0]! + 15)
            XCTAssertGreaterThan(psnr[150]!, 30)
            curves.append(psnr)
        }
        XCTAssertEqual(curves[0][150]!, curves[1][150]!, accuracy: 0.05)
    }

    func testPsnrDefinition() {
        // MSE 0.04 on [−1, 1] is 0.01 on [0, 1]: 20 dB.
        XCTAssertEqual(MeanSquaredError.psnr(meanSquaredErrorOnPlusMinusOne: 0.04), 20, accuracy: 1e-12)
        let prediction = try! Matrix(rows: 2, columns: 1, values: [3, -0.5])
        let target = try! Matrix(rows: 2, columns: 1, values: [1, 0])
        XCTAssertEqual(MeanSquaredError.clippedError(prediction: prediction, target: target), 0.125)
    }
}
