import XCTest
import TestSupport
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
                XCTAssertLessThan(relativeMaxError(chunked, full.map(Double.init)), 1e-5, "\(family) chunk \(chunk)")
            }
            for blockRows in [1, 13, 64] {  // threads taking their rows in blocks: the same sum, grouped differently
                let (loss, blocked) = try meanSquaredErrorGradient(network, x, t, blockRows: blockRows)
                XCTAssertEqual(loss, fullLoss, accuracy: 1e-6 * fullLoss)
                XCTAssertLessThan(relativeMaxError(blocked, full.map(Double.init)), 1e-5, "\(family) blocks of \(blockRows)")
            }
            let workspace = try Workspace(architecture: network.architecture, capacity: 33, threads: 2)
            let fullWorkspace = try Workspace(architecture: network.architecture, capacity: 400, threads: 1)
            let chunked = try network.evaluate(x, workspace: workspace).values
            let whole = try network.evaluate(x, workspace: fullWorkspace).values
            XCTAssertLessThan(zip(chunked, whole).map { abs($0 - $1) }.max()!, 1e-6)
        }
    }

    /// The rows are split into shards fixed by the number of rows, not by the threads, and every sum over rows is
    /// taken over shards in order: the loss and the gradient are the same bits on 1, 2, 3 or 7 threads, and so is a
    /// whole fit.
    func testResultsDoNotDependOnTheNumberOfThreads() throws {
        let network = try Network(architecture: Architecture.siren(outputs: 3, width: 24, layers: 4), seed: 5)
        let x = grid(side: 23)  // 529 rows in blocks of 16: 9 shards of 64 rows, the last one short
        var t = Matrix(rows: 529, columns: 3)
        for i in 0..<t.values.count { t.values[i] = Float(sin(Double(i) * 0.21)) }
        let (loss, gradient) = try meanSquaredErrorGradient(network, x, t, blockRows: 16, threads: 1)
        for threads in [2, 3, 7] {
            let (otherLoss, other) = try meanSquaredErrorGradient(network, x, t, blockRows: 16, threads: threads)
            XCTAssertEqual(otherLoss.bitPattern, loss.bitPattern, "\(threads) threads")
            XCTAssertEqual(other.map(\.bitPattern), gradient.map(\.bitPattern), "\(threads) threads")
        }
        func fitted(threads: Int) throws -> [Float] {
            let fit = try ImageFit(network: network, coordinates: x, target: t,
                                   options: FitOptions(iterations: 3, adam: .init(learningRate: 1e-3), threads: threads, blockRows: 16))
            for _ in 0..<3 { try fit.step() }
            return fit.network.parameters
        }
        XCTAssertEqual(try fitted(threads: 3).map(\.bitPattern), try fitted(threads: 1).map(\.bitPattern))
        // The shards: fixed by rows and block size, at most 32 of them, covering the rows in order.
        let workspace = try Workspace(architecture: network.architecture, capacity: 200_000, threads: 2, blockRows: 512)
        XCTAssertEqual(workspace.shardCount(rows: 31_684), 16, "178² pixels: shards of 4 blocks of 512 rows")
        XCTAssertEqual(workspace.shardRows(rows: 200_000), 6656, "⌈200000/32⌉ = 6250 rows, rounded up to 13 whole blocks")
        XCTAssertEqual(workspace.shardCount(rows: 200_000), 31)
        XCTAssertEqual(workspace.shard(30, rows: 200_000), (30 * 6656)..<200_000)
        XCTAssertLessThanOrEqual(workspace.shardCount(rows: 65_536), workspace.shardCapacity, "32 shards of 2048 rows fit too")
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
