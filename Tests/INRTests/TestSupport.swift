import Foundation
import TestSupport
import XCTest
@testable import INR

/// A plain Double-precision forward pass written from the definitions (scalar loops, Foundation's sin/cos/exp),
/// independent of the Float/BLAS/SIMD code under test: the oracle for finite-difference gradient checks.
struct ReferenceNetwork {
    let architecture: Architecture
    var parameters: [Double]
    let fourierMatrix: [Double]?

    init(_ network: Network) {
        architecture = network.architecture
        parameters = network.parameters.map(Double.init)
        fourierMatrix = network.fourierMatrix?.values.map(Double.init)
    }

    /// f(x) for one input row.
    func callAsFunction(_ x: [Double]) -> [Double] {
        var h = x
        if let b = fourierMatrix, case let .fourierFeatures(features, _) = architecture.family {
            let projections = (0..<features).map { f in
                2 * Double.pi * (0..<x.count).reduce(0.0) { $0 + b[f * x.count + $1] * x[$1] }
            }
            h = projections.map { cos($0) } + projections.map { sin($0) }
        }
        let layout = ParameterLayout(architecture)
        for (k, layer) in layout.layers.enumerated() {
            var z = [Double](repeating: 0, count: layer.outputs)
            for o in 0..<layer.outputs {
                var sum = parameters[layer.biasOffset + o]
                for i in 0..<layer.inputs { sum += parameters[layer.weightOffset + o * layer.inputs + i] * h[i] }
                switch architecture.activation(ofLayer: k) {
                case .identity: z[o] = sum
                case let .sine(omega): z[o] = sin(Double(omega) * sum)
                case .relu: z[o] = max(sum, 0)
                case let .gaussian(scale): z[o] = exp(-pow(Double(scale) * sum, 2))
                }
            }
            h = z
        }
        return h
    }

    /// L = (1/(N·C)) Σ (f(x_i) − t_i)².
    func meanSquaredError(_ inputs: [[Double]], _ targets: [[Double]]) -> Double {
        var sum = 0.0
        for (x, t) in zip(inputs, targets) {
            for (y, target) in zip(self(x), t) { sum += (y - target) * (y - target) }
        }
        return sum / Double(inputs.count * targets[0].count)
    }
}

/// Row-major rows of a matrix as Double arrays.
func doubleRows(_ m: Matrix) -> [[Double]] {
    (0..<m.rows).map { i in (0..<m.columns).map { Double(m[i, $0]) } }
}

/// A `side × side` coordinate grid over [−1, 1]², rows first (as the PyTorch peer's `linspace` grid).
func grid(side: Int) -> Matrix {
    var m = Matrix(rows: side * side, columns: 2)
    for i in 0..<side {
        for j in 0..<side {
            m[i * side + j, 0] = side == 1 ? 0 : Float(-1 + 2 * Double(i) / Double(side - 1))
            m[i * side + j, 1] = side == 1 ? 0 : Float(-1 + 2 * Double(j) / Double(side - 1))
        }
    }
    return m
}

/// The MSE gradient through the code under test, in chunks of `chunkRows` (default: full batch), each thread
/// taking `blockRows` rows at a time; returns (loss, gradient).
func meanSquaredErrorGradient(
    _ network: Network, _ coordinates: Matrix, _ target: Matrix, chunkRows: Int? = nil, blockRows: Int = 512, threads: Int = 2
) throws -> (Double, [Float]) {
    let workspace = try Workspace(
        architecture: network.architecture, capacity: chunkRows ?? coordinates.rows, threads: threads, blockRows: blockRows)
    var gradient = [Float](repeating: .nan, count: network.layout.count)
    let sum = try target.values.withUnsafeBufferPointer { t in
        try network.gradient(coordinates, workspace: workspace, into: &gradient) { rows, output in
            MeanSquaredError.lossGradient(
                output: output, target: t.baseAddress! + rows.lowerBound * target.columns,
                totalCount: target.values.count, workspace: workspace)
        }
    }
    return (sum / Double(target.values.count), gradient)
}


/// Asserts that `body` throws an INRError whose description contains every one of `fragments`.
func assertThrowsINRError(
    _ fragments: [String], file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
) {
    do {
        try body()
        XCTFail("expected an error mentioning \(fragments)", file: file, line: line)
    } catch let error as INRError {
        for fragment in fragments {
            XCTAssertTrue(
                error.description.contains(fragment), "“\(error)” does not mention “\(fragment)”", file: file, line: line)
        }
        XCTAssertFalse(error.description.contains("\n"), "one-line message expected", file: file, line: line)
    } catch {
        XCTFail("unexpected error type: \(error)", file: file, line: line)
    }
}
