import Foundation
import Operators
import SeededRandom

@_exported import TestSupport

/// Largest `|aᵢ − bᵢ|`.
func largestDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// PSNR in dB of `estimate` against `reference` for peak 1, in Double.
func psnr(_ estimate: [Float], _ reference: [Float]) -> Double {
    let squared = zip(estimate, reference).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
    return 10 * log10(Double(reference.count) / squared)
}

/// A registry specification.
func spec(_ name: String, _ parameters: [String: ParameterValue] = [:]) -> ParameterMap {
    parameters.merging(["name": .string(name)]) { $1 }
}

/// The error message thrown by `body`, or nil.
func errorMessage(_ body: () throws -> Any) -> String? {
    do { _ = try body(); return nil } catch { return "\(error)" }
}

/// A dense `m × n` matrix as a forward operator (row-major `entries`), test-only: `y = M x`, `Aᵀy = Mᵀy`.
final class MatrixOperator: LinearOperator {
    let inputShape: ImageShape
    let outputShape: ImageShape
    let entries: [Float]

    init(rows: Int, columns: Int, entries: [Float]) {
        inputShape = ImageShape(height: 1, width: columns)
        outputShape = ImageShape(height: 1, width: rows)
        self.entries = entries
    }

    var description: String { "matrix(\(outputShape.count)×\(inputShape.count))" }

    func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        let n = inputShape.count
        for i in 0..<outputShape.count {
            var sum = 0.0
            for j in 0..<n { sum += Double(entries[i * n + j]) * Double(x[j]) }
            y[i] = Float(sum)
        }
    }

    func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        let n = inputShape.count
        for j in 0..<n {
            var sum = 0.0
            for i in 0..<outputShape.count { sum += Double(entries[i * n + j]) * Double(y[i]) }
            x[j] = Float(sum)
        }
    }
}

/// The solution of the square system `M z = b` by Gaussian elimination with partial pivoting, in Double.
func solveLinearSystem(_ matrix: [[Double]], _ b: [Double]) -> [Double] {
    var a = matrix, rhs = b
    let n = rhs.count
    for column in 0..<n {
        let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
        a.swapAt(column, pivot)
        rhs.swapAt(column, pivot)
        for row in column + 1..<n {
            let factor = a[row][column] / a[column][column]
            for k in column..<n { a[row][k] -= factor * a[column][k] }
            rhs[row] -= factor * rhs[column]
        }
    }
    var z = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
        var sum = rhs[row]
        for k in row + 1..<n { sum -= a[row][k] * z[k] }
        z[row] = sum / a[row][row]
    }
    return z
}
