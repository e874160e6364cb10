import Foundation

/// The fused elementwise passes around the matrix products, each one sweep over a block of rows of a row-major
/// `rows × width` matrix, SIMD16 across columns.
enum ElementwisePasses {
    typealias Vector = SIMD16<Float>

    @inline(__always) static func load(_ p: UnsafePointer<Float>, count: Int) -> Vector {
        if count == Vector.scalarCount { return UnsafeRawPointer(p).loadUnaligned(as: Vector.self) }
        var v = Vector()
        for l in 0..<count { v[l] = p[l] }
        return v
    }

    @inline(__always) static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>, count: Int) {
        if count == Vector.scalarCount {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
            return
        }
        for l in 0..<count { p[l] = v[l] }
    }

    /// Forward activation of a dense layer, in place: on entry `z` holds x·Wᵀ (without bias); on exit `h` holds
    /// σ(z + b) and `z` holds σ'(z + b) — the factor backward needs. For `.identity`, `z` becomes z + b and
    /// `h` is not touched. Sine and cosine come from one range reduction (``SIMD/sineCosine(_:)``).
    static func activate(
        _ activation: Activation, rows: Range<Int>, width: Int,
        z: UnsafeMutablePointer<Float>, h: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>
    ) {
        switch activation {
        case .identity:
            sweep(rows: rows, width: width) { offset, column, count in
                let a = load(z + offset, count: count) + load(bias + column, count: count)
                store(a, z + offset, count: count)
            }
        case let .sine(omega):
            sweep(rows: rows, width: width) { offset, column, count in
                let a = omega * (load(z + offset, count: count) + load(bias + column, count: count))
                let (s, c) = Vector.sineCosine(a)
                store(s, h + offset, count: count)
                store(omega * c, z + offset, count: count)
            }
        case .relu:
            sweep(rows: rows, width: width) { offset, column, count in
                let a = load(z + offset, count: count) + load(bias + column, count: count)
                let positive = a .> 0
                store(Vector().replacing(with: a, where: positive), h + offset, count: count)
                store(Vector().replacing(with: 1, where: positive), z + offset, count: count)
            }
        case let .gaussian(scale):
            let s2 = scale * scale
            sweep(rows: rows, width: width) { offset, column, count in
                let a = load(z + offset, count: count) + load(bias + column, count: count)
                var g = Vector()
                for l in 0..<count { g[l] = Foundation.exp(-s2 * a[l] * a[l]) }
                store(g, h + offset, count: count)
                store(-2 * s2 * a * g, z + offset, count: count)
            }
        }
    }

    /// Backward through an activation and the bias: dZ = dH ⊙ σ' (written over σ' in `derivative`, or dZ = dH
    /// when `derivative` is nil), and the column sums Σ_i dZ[i, j] (the bias gradient of this block of rows)
    /// written to `columnSums` in Double. Rows are summed in Float in blocks of 64, blocks in Double.
    static func gradientThroughActivation(
        rows: Range<Int>, width: Int, incoming: UnsafePointer<Float>, derivative: UnsafeMutablePointer<Float>?,
        blockSums: UnsafeMutablePointer<Float>, columnSums: UnsafeMutablePointer<Double>
    ) {
        columnSums.initialize(repeating: 0, count: width)
        var blockStart = rows.lowerBound
        while blockStart < rows.upperBound {
            let block = blockStart..<min(blockStart + 64, rows.upperBound)
            blockSums.initialize(repeating: 0, count: width)
            sweep(rows: block, width: width) { offset, column, count in
                var dz = load(incoming + offset, count: count)
                if let derivative {
                    dz *= load(derivative + offset, count: count)
                    store(dz, derivative + offset, count: count)
                }
                store(load(blockSums + column, count: count) + dz, blockSums + column, count: count)
            }
            for j in 0..<width { columnSums[j] += Double(blockSums[j]) }
            blockStart = block.upperBound
        }
    }

    /// Fourier-feature encoding in place: on entry the first `features` columns of each row (stride 2·features)
    /// hold p = v·Bᵀ; on exit the row is [cos(2πp), sin(2πp)].
    static func fourierEncode(rows: Range<Int>, features: Int, values: UnsafeMutablePointer<Float>) {
        let twoPi = 2 * Float.pi
        for i in rows {
            let row = values + i * 2 * features
            var column = 0
            while column < features {
                let count = min(Vector.scalarCount, features - column)
                let (s, c) = Vector.sineCosine(twoPi * load(row + column, count: count))
                store(c, row + column, count: count)
                store(s, row + features + column, count: count)
                column += count
            }
        }
    }

    /// Calls `body(offset, column, count)` for every chunk of ≤ 16 columns of every row in `rows`,
    /// where `offset = row·width + column`.
    @inline(__always)
    static func sweep(rows: Range<Int>, width: Int, _ body: (_ offset: Int, _ column: Int, _ count: Int) -> Void) {
        for i in rows {
            var column = 0
            while column < width {
                let count = min(Vector.scalarCount, width - column)
                body(i * width + column, column, count)
                column += count
            }
        }
    }
}
