/// The 8 × 8 blocks BM3D works on, held as eight rows of `SIMD8<Float>` (their 2-D transforms:
/// ``SeparableBlockTransform``).
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
}
