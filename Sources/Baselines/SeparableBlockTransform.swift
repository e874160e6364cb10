import Foundation

/// A separable 2-D transform of 8 × 8 ``Block``s, `X = M B Mᵀ` (each row of the block transformed by the 8 × 8
/// analysis matrix `M`, then each column), and its inverse `B = S X Sᵀ` with the synthesis matrix `S = M⁻¹`.
///
/// BM3D thresholds every coefficient at `λ_3D σ`, which asks the coefficients of white noise of standard deviation
/// σ to have standard deviation σ: `Var(X_uv) = σ² ‖M_u‖² ‖M_v‖²`, so both transforms here have rows of unit norm.
/// (Only the orthogonal one also keeps the noise white.) At this size the products by the precomputed matrices cost
/// 128 vector multiply–adds a block, less than a call into FFTW, and give the same transform up to float rounding.
struct SeparableBlockTransform {
    /// `M[u][·]` and `M[·][j]`, `S[u][·]` and `S[·][j]`, as vectors.
    private let analysisRows: [SIMD8<Float>], analysisColumns: [SIMD8<Float>]
    private let synthesisRows: [SIMD8<Float>], synthesisColumns: [SIMD8<Float>]

    /// The transform of the invertible `analysis` matrix (8 × 8, row `u` the `u`-th basis function's analysis row).
    init(analysis: [[Double]]) {
        let synthesis = Self.inverse(of: analysis)
        func rows(_ m: [[Double]]) -> [SIMD8<Float>] { m.map { SIMD8($0.map(Float.init)) } }
        func columns(_ m: [[Double]]) -> [SIMD8<Float>] { (0..<Block.side).map { j in SIMD8(m.map { Float($0[j]) }) } }
        analysisRows = rows(analysis)
        analysisColumns = columns(analysis)
        synthesisRows = rows(synthesis)
        synthesisColumns = columns(synthesis)
    }

    /// The orthonormal 2-D DCT-II (BM3D's Wiener stage): `D[u][j] = c_u cos(π(2j + 1)u / 16)`, `c_0 = √(1/8)`,
    /// `c_u = √(2/8)` otherwise — FFTW's `REDFT10` scaled so that `D Dᵀ = I`; its inverse is `Dᵀ` (`REDFT01`).
    static let cosine = SeparableBlockTransform(analysis: (0..<Block.side).map { u in
        let scale = (u == 0 ? 1.0 : 2.0).squareRoot() / Double(Block.side).squareRoot()
        return (0..<Block.side).map { j in scale * cos(Double.pi * Double(2 * j + 1) * Double(u) / Double(2 * Block.side)) }
    })

    /// The 2-D biorthogonal spline wavelet transform bior1.5 (BM3D's hard-thresholding stage; ``BiorthogonalSpline``).
    static let biorthogonalSpline = SeparableBlockTransform(analysis: BiorthogonalSpline.analysisMatrix(length: Block.side))

    /// The transform a ``BM3DParameters/BlockTransform`` names.
    static func named(_ name: BM3DParameters.BlockTransform) -> SeparableBlockTransform {
        switch name {
        case .biorthogonalSpline: biorthogonalSpline
        case .cosine: cosine
        }
    }

    /// `M B Mᵀ`.
    @inline(__always)
    func forward(_ block: Block) -> Block {
        block.rightMultipliedByTranspose(columns: analysisColumns).leftMultiplied(by: analysisRows)
    }

    /// `S X Sᵀ`, undoing ``forward(_:)``.
    @inline(__always)
    func inverse(_ coefficients: Block) -> Block {
        coefficients.rightMultipliedByTranspose(columns: synthesisColumns).leftMultiplied(by: synthesisRows)
    }

    /// `A⁻¹` by Gauss–Jordan elimination with partial pivoting, in Double (`A` square and invertible).
    static func inverse(of matrix: [[Double]]) -> [[Double]] {
        let n = matrix.count
        var a = matrix, result = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0 } }
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            precondition(a[pivot][column] != 0, "SeparableBlockTransform: singular analysis matrix")
            a.swapAt(column, pivot)
            result.swapAt(column, pivot)
            let scale = 1 / a[column][column]
            a[column] = a[column].map { $0 * scale }
            result[column] = result[column].map { $0 * scale }
            for row in 0..<n where row != column {
                let factor = a[row][column]
                guard factor != 0 else { continue }
                for j in 0..<n {
                    a[row][j] -= factor * a[column][j]
                    result[row][j] -= factor * result[column][j]
                }
            }
        }
        return result
    }
}

extension Block {
    /// The block whose row `out` is `Σ_k c · v` over the eight pairs `(c, v) = term(out, k)`.
    @inline(__always)
    private static func combining(_ term: (_ out: Int, _ k: Int) -> (Float, SIMD8<Float>)) -> Block {
        var result = Block.zero
        for out in 0..<side {
            var sum = SIMD8<Float>.zero
            for k in 0..<side {
                let (coefficient, vector) = term(out, k)
                sum += coefficient * vector
            }
            result[out] = sum
        }
        return result
    }

    /// `M B` for `M` given by its rows `matrixRows[out] = M[out][·]`: output row `out` is `Σ_k M[out][k] · B[k]`.
    @inline(__always)
    fileprivate func leftMultiplied(by matrixRows: [SIMD8<Float>]) -> Block {
        Block.combining { out, k in (matrixRows[out][k], self[k]) }
    }

    /// `B Mᵀ` for `M` given by its columns `matrixColumns[k] = M[·][k]`: each row `b` becomes `Σ_k b_k · M[·][k]`.
    @inline(__always)
    fileprivate func rightMultipliedByTranspose(columns matrixColumns: [SIMD8<Float>]) -> Block {
        Block.combining { row, k in (self[row][k], matrixColumns[k]) }
    }
}
