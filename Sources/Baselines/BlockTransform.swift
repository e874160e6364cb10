import Foundation

/// The 8 × 8 blocks BM3D works on, held as eight rows of `SIMD8<Float>`, and their orthonormal 2-D DCT-II.
///
/// The 1-D transform is `X_u = c_u Σ_{j=0}^{7} x_j cos(π(2j + 1)u / 16)`, `c_0 = √(1/8)`, `c_u = √(2/8)` otherwise:
/// FFTW's `REDFT10` scaled to be orthonormal (`D Dᵀ = I`), so the inverse is the transpose (`REDFT01`, scaled) and
/// white noise of standard deviation σ stays white with σ in every coefficient. The 2-D transform is separable,
/// `X = D B Dᵀ` (each row transformed, then each column). At this size the product by the precomputed matrix costs
/// 128 vector multiply–adds, less than a call into FFTW, and gives the same transform up to float rounding.
struct Block {
    /// Side `N₁` of a block: 8, the published BM3D block size, one row per `SIMD8<Float>`.
    static let side = 8

    var rows: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
               SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)

    static let zero = Block(rows: (.zero, .zero, .zero, .zero, .zero, .zero, .zero, .zero))

    @inline(__always)
    subscript(row: Int) -> SIMD8<Float> {
        get {
            withUnsafeBytes(of: rows) { $0.load(fromByteOffset: row * MemoryLayout<SIMD8<Float>>.stride, as: SIMD8<Float>.self) }
        }
        set {
            withUnsafeMutableBytes(of: &rows) {
                $0.storeBytes(of: newValue, toByteOffset: row * MemoryLayout<SIMD8<Float>>.stride, as: SIMD8<Float>.self)
            }
        }
    }

    /// The block whose top-left sample is `plane[top * width + left]` in a row-major plane `width` samples wide.
    @inline(__always)
    init(_ plane: UnsafePointer<Float>, width: Int, top: Int, left: Int) {
        let origin = UnsafeRawPointer(plane + top * width + left), rowBytes = width * MemoryLayout<Float>.stride
        self = .zero
        for row in 0..<Block.side { self[row] = origin.loadUnaligned(fromByteOffset: row * rowBytes, as: SIMD8<Float>.self) }
    }

    init(rows: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
                SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)) {
        self.rows = rows
    }

    /// `Σ (a − b)²` over the 64 samples.
    @inline(__always)
    static func squaredDistance(_ a: Block, _ b: Block) -> Float {
        var sum = SIMD8<Float>.zero
        for row in 0..<side {
            let difference = a[row] - b[row]
            sum += difference * difference
        }
        return sum.sum()
    }

    /// The matrix `D` of the orthonormal 8-point DCT-II, `D[u][j] = c_u cos(π(2j + 1)u / 16)`, row `u` as a vector.
    static let cosineRows: [SIMD8<Float>] = (0..<side).map { u in
        let scale = (u == 0 ? 1.0 : 2.0).squareRoot() / Double(side).squareRoot()
        return SIMD8((0..<side).map { j in Float(scale * cos(Double.pi * Double(2 * j + 1) * Double(u) / Double(2 * side))) })
    }

    /// Column `j` of `D` as a vector: `D[·][j]`.
    static let cosineColumns: [SIMD8<Float>] = (0..<side).map { j in SIMD8((0..<side).map { u in cosineRows[u][j] }) }

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
    private func leftMultiplied(by matrixRows: [SIMD8<Float>]) -> Block {
        Block.combining { out, k in (matrixRows[out][k], self[k]) }
    }

    /// `B Mᵀ` for `M` given by its columns `matrixColumns[k] = M[·][k]`: each row `b` becomes `Σ_k b_k · M[·][k]`.
    @inline(__always)
    private func rightMultipliedByTranspose(columns matrixColumns: [SIMD8<Float>]) -> Block {
        Block.combining { row, k in (self[row][k], matrixColumns[k]) }
    }

    /// The 2-D DCT `D B Dᵀ`.
    @inline(__always)
    func cosineTransformed() -> Block {
        rightMultipliedByTranspose(columns: Block.cosineColumns).leftMultiplied(by: Block.cosineRows)
    }

    /// The inverse 2-D DCT `Dᵀ X D`.
    @inline(__always)
    func inverseCosineTransformed() -> Block {
        rightMultipliedByTranspose(columns: Block.cosineRows).leftMultiplied(by: Block.cosineColumns)
    }
}
