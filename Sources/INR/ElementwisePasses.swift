import Foundation

/// The fused elementwise passes around the matrix products, each one sweep over a block of rows of a row-major
/// `rows × width` matrix, SIMD16 across columns.
enum ElementwisePasses {
    typealias Vector = SIMD16<Float>

    /// The first `count` lanes from `p`, the others zero.
    @inline(__always) static func load(_ p: UnsafePointer<Float>, count: Int) -> Vector {
        if count == Vector.scalarCount { return UnsafeRawPointer(p).loadUnaligned(as: Vector.self) }
        var v = Vector()
        for l in 0..<count { v[l] = p[l] }
        return v
    }

    /// Stores the first `count` lanes of `v` at `p`.
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
        case .identity: mapWithBias(rows: rows, width: width, z: z, h: z, bias: bias, IdentityKernel())
        case let .sine(omega): mapWithBias(rows: rows, width: width, z: z, h: h, bias: bias, SineKernel(omega: omega))
        case .relu: mapWithBias(rows: rows, width: width, z: z, h: h, bias: bias, ReluKernel())
        case let .gaussian(scale):
            mapWithBias(rows: rows, width: width, z: z, h: h, bias: bias, GaussianKernel(scaleSquared: scale * scale))
        }
    }

    /// For every row i in `rows`: a = z[i, :] + b, (h[i, :], z[i, :]) = f(a), 16 columns at a time; a short last
    /// chunk goes through the same vector code, padded with zeros.
    /// Generic over the kernel so that each activation gets its own specialised, fully inlined loop.
    @inline(__always)
    static func mapWithBias(
        rows: Range<Int>, width: Int, z: UnsafeMutablePointer<Float>, h: UnsafeMutablePointer<Float>,
        bias: UnsafePointer<Float>, _ f: some ActivationKernel
    ) {
        let lanes = Vector.scalarCount
        let fullColumns = width - width % lanes
        for i in rows {
            let zRow = z + i * width
            let hRow = h + i * width
            var column = 0
            while column < fullColumns {
                let (first, second) = f(
                    UnsafeRawPointer(zRow + column).loadUnaligned(as: Vector.self)
                        + UnsafeRawPointer(bias + column).loadUnaligned(as: Vector.self))
                UnsafeMutableRawPointer(hRow + column).storeBytes(of: first, as: Vector.self)
                UnsafeMutableRawPointer(zRow + column).storeBytes(of: second, as: Vector.self)
                column += lanes
            }
            if column < width {
                let count = width - column
                let (first, second) = f(load(zRow + column, count: count) + load(bias + column, count: count))
                store(first, hRow + column, count: count)
                store(second, zRow + column, count: count)
            }
        }
    }

    /// Backward through an activation and the bias: dZ = dH ⊙ σ' (written over σ' in `derivative`, or dZ = dH
    /// when `derivative` is nil), and the column sums Σ_i dZ[i, j] (the bias gradient of this block of rows)
    /// added to `columnSums` in Double. Rows are summed in Float in blocks of 64, blocks in Double.
    static func gradientThroughActivation(
        rows: Range<Int>, width: Int, incoming: UnsafePointer<Float>, derivative: UnsafeMutablePointer<Float>?,
        blockSums: UnsafeMutablePointer<Float>, columnSums: UnsafeMutablePointer<Double>
    ) {
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

/// An activation's vector kernel: a ↦ (σ(a), σ'(a)), 16 lanes at a time.
protocol ActivationKernel {
    func callAsFunction(_ a: ElementwisePasses.Vector) -> (ElementwisePasses.Vector, ElementwisePasses.Vector)
}

struct IdentityKernel: ActivationKernel {
    @inline(__always) func callAsFunction(_ a: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) { (a, a) }
}

/// sin(ω0·a) and ω0·cos(ω0·a) from one range reduction.
struct SineKernel: ActivationKernel {
    let omega: Float
    @inline(__always) func callAsFunction(_ a: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
        let (s, c) = SIMD16<Float>.sineCosine(omega * a)
        return (s, omega * c)
    }
}

struct ReluKernel: ActivationKernel {
    @inline(__always) func callAsFunction(_ a: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
        let positive = a .> 0
        return (SIMD16().replacing(with: a, where: positive), SIMD16().replacing(with: 1, where: positive))
    }
}

/// exp(−s²a²) and −2s²·a·exp(−s²a²) (scalar exponentials: this family is not on the hot path).
struct GaussianKernel: ActivationKernel {
    let scaleSquared: Float
    @inline(__always) func callAsFunction(_ a: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
        var g = SIMD16<Float>()
        for l in 0..<16 { g[l] = Foundation.exp(-scaleSquared * a[l] * a[l]) }
        return (g, -2 * scaleSquared * a * g)
    }
}
