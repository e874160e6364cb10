import XCTest
@testable import INR

final class WorkspaceTests: XCTestCase {
    /// The chunked gradient is the sum of per-chunk gradients, so it equals the full-batch gradient
    /// (up to the rounding of a different summation order).
    func testChunkedGradientEqualsFullBatch() throws {
        for family in [Family.siren(omegaFirst: 30, omegaHidden: 30), .fourierFeatures(features: 16, sigma: 3)] {
            let network = try Network(architecture: Architecture(family: family, width: 40, layers: 4, outputs: 3), seed: 11)
            let x = grid(side: 20)
            var t = Matrix(rows: 400, columns: 3)
            for i in 0..<t.values.count { t.values[i] = Float(sin(Double(i) * 0.37)) }
            let (fullLoss, full) = try meanSquaredErrorGradient(network, x, t)
            for chunk in [1, 7, 128, 399] {
                let (loss, chunked) = try meanSquaredErrorGradient(network, x, t, chunkRows: chunk)
                XCTAssertEqual(loss, fullLoss, accuracy: 1e-6 * fullLoss)
                XCTAssertLessThan(relativeError(chunked, full.map(Double.init)), 1e-5, "\(family) chunk \(chunk)")
            }
            for blockRows in [1, 13, 64] {  // threads taking their rows in blocks: the same sum, grouped differently
                let (loss, blocked) = try meanSquaredErrorGradient(network, x, t, blockRows: blockRows)
                XCTAssertEqual(loss, fullLoss, accuracy: 1e-6 * fullLoss)
                XCTAssertLessThan(relativeError(blocked, full.map(Double.init)), 1e-5, "\(family) blocks of \(blockRows)")
            }
            let workspace = try Workspace(architecture: network.architecture, capacity: 33, threads: 2)
            let fullWorkspace = try Workspace(architecture: network.architecture, capacity: 400, threads: 1)
            let chunked = try network.evaluate(x, workspace: workspace).values
            let whole = try network.evaluate(x, workspace: fullWorkspace).values
            XCTAssertLessThan(zip(chunked, whole).map { abs($0 - $1) }.max()!, 1e-6)
        }
    }

    /// After the first step nothing is allocated: every buffer of the workspace, the optimiser's moments, the
    /// gradient and the parameters keep their base addresses from step to step.
    func testStepsReuseTheSameBuffers() throws {
        let network = try Network(architecture: Architecture.siren(outputs: 1, width: 32, layers: 4), seed: 1)
        let x = grid(side: 12)
        let t = Matrix(rows: 144, columns: 1, repeating: 0.5)
        let fit = try ImageFit(network: network, coordinates: x, target: t, options: FitOptions(iterations: 5, chunkRows: 50))
        func addresses() -> [UInt] {
            var result = fit.workspace.bufferAddresses.map { UInt(bitPattern: $0) }
            result.append(UInt(bitPattern: fit.adam.firstMoment.address))
            result.append(UInt(bitPattern: fit.adam.secondMoment.address))
            fit.gradient.withUnsafeBufferPointer { result.append(UInt(bitPattern: $0.baseAddress)) }
            fit.network.parameters.withUnsafeBufferPointer { result.append(UInt(bitPattern: $0.baseAddress)) }
            return result
        }
        try fit.step()
        let first = addresses()
        for _ in 0..<4 {
            try fit.step()
            XCTAssertEqual(addresses(), first)
        }
    }

    func testBackwardNeedsAForwardPass() throws {
        let network = try Network(architecture: Architecture.siren(outputs: 1, width: 8, layers: 2), seed: 1)
        let workspace = try Workspace(architecture: network.architecture, capacity: 4, threads: 2)
        var gradient = [Float](repeating: 0, count: network.layout.count)
        let input = [Float](repeating: 0, count: 8)
        assertThrowsINRError(["forward"]) {
            try input.withUnsafeBufferPointer { x in
                try gradient.withUnsafeMutableBufferPointer { g in
                    try network.backward(
                        input: x.baseAddress!, outputGradient: x.baseAddress!, workspace: workspace,
                        gradient: g.baseAddress!, accumulate: false)
                }
            }
        }
        assertThrowsINRError(["rows", "5", "1…4"]) {
            try input.withUnsafeBufferPointer { x in _ = try network.forward(input: x.baseAddress!, rows: 5, workspace: workspace) }
        }
    }
}
