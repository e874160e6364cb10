import Foundation
import XCTest
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

/// Rectangles of 0.2, 0.5 and 0.8 on 0.3 (channel c shifted by 0.05c).
func piecewiseConstant(_ shape: ImageShape) -> [Float] {
    var x = [Float](repeating: 0, count: shape.count)
    for i in 0..<shape.height {
        for j in 0..<shape.width {
            let u = Double(i) / Double(shape.height), v = Double(j) / Double(shape.width)
            var value: Float = 0.3
            if (0.2..<0.6).contains(u) && (0.1..<0.5).contains(v) { value = 0.8 }
            if (0.5..<0.9).contains(u) && (0.4..<0.8).contains(v) { value = 0.5 }
            if (0.1..<0.3).contains(u) && (0.6..<0.9).contains(v) { value = 0.2 }
            for c in 0..<shape.channels { x[(i * shape.width + j) * shape.channels + c] = value + 0.05 * Float(c) }
        }
    }
    return x
}

/// A case of `Fixtures/bm3d_reference.json`: a Kodak crop, clean and noisy, and the reference `bm3d` package's PSNR.
struct BM3DReferenceCase: Decodable {
    let name: String
    let height, width, channels: Int
    let sigma: Double
    let clean_scale, noisy_scale: Float
    let clean, noisy: [Int]
    let reference_psnr: Double

    var cleanSamples: [Float] { clean.map { Float($0) / clean_scale } }
    var noisySamples: [Float] { noisy.map { Float($0) / noisy_scale } }

    static func all() throws -> [BM3DReferenceCase] {
        struct Fixture: Decodable { let cases: [BM3DReferenceCase] }
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/bm3d_reference", withExtension: "json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).cases
    }
}
