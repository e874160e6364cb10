import XCTest
@testable import INR

/// Frobenius norm, spectral norm and stable rank against matrices whose singular values are known.
final class MatrixNormsTests: XCTestCase {
    func testNormsOfMatricesWithKnownSingularValues() throws {
        // diag(3, 1) padded to 3 × 2: singular values 3 and 1.
        let diagonal = try Matrix(rows: 3, columns: 2, values: [3, 0, 0, 1, 0, 0])
        XCTAssertEqual(diagonal.frobeniusNorm, 10.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(diagonal.spectralNorm(), 3, accuracy: 1e-9)
        XCTAssertEqual(diagonal.stableRank, 10.0 / 9, accuracy: 1e-9)

        // A rotation by 0.3 rad scaled by 2: both singular values 2, stable rank 2.
        let (c, s) = (Float(2 * cos(0.3)), Float(2 * sin(0.3)))
        let rotation = try Matrix(rows: 2, columns: 2, values: [c, -s, s, c])
        XCTAssertEqual(rotation.spectralNorm(), 2, accuracy: 1e-6)
        XCTAssertEqual(rotation.stableRank, 2, accuracy: 1e-6)

        // Rank one, u vᵀ: σ = ‖u‖‖v‖, stable rank 1.
        let u: [Float] = [1, -2, 2], v: [Float] = [3, 0, 4, 0]
        let outer = try Matrix(rows: 3, columns: 4, values: u.flatMap { a in v.map { a * $0 } })
        XCTAssertEqual(outer.spectralNorm(), 15, accuracy: 1e-6)
        XCTAssertEqual(outer.stableRank, 1, accuracy: 1e-9)

        XCTAssertEqual(Matrix(rows: 4, columns: 4).stableRank, 0, "the zero matrix")
    }

    /// A random Gaussian 64 × 256 matrix: σ_max ≈ √256 + √64 = 24 (Marchenko–Pastur edge), ‖W‖_F² ≈ 64·256.
    func testRandomMatrixNearTheMarchenkoPasturEdge() throws {
        var state: UInt64 = 12345
        func gaussian() -> Float {  // Box–Muller on a small LCG: only the scale matters here
            func uniform() -> Double {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return (Double(state >> 11) + 0.5) / Double(1 << 53)
            }
            return Float((-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()))
        }
        let w = try Matrix(rows: 64, columns: 256, values: (0..<(64 * 256)).map { _ in gaussian() })
        XCTAssertEqual(w.spectralNorm(), 24, accuracy: 1.5)
        XCTAssertEqual(w.stableRank, Double(64 * 256) / (24 * 24), accuracy: 3)
    }
}
