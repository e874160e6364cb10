/// The Kaiser window `w(n) = I₀(β √(1 − (2n/(N − 1) − 1)²)) / I₀(β)`, `n = 0 … N − 1`, with `I₀` the modified
/// Bessel function of the first kind of order 0 (NumPy's `np.kaiser`). BM3D weights each block it puts back by
/// the outer product `w wᵀ` (β = 2), which lowers the border effects between overlapping blocks.
enum KaiserWindow {
    /// The 1-D window of length `length ≥ 1` (a single 1 for length 1).
    static func window(length: Int, beta: Double) -> [Double] {
        guard length > 1 else { return [1] }
        return (0..<length).map { n in
            let t = 2 * Double(n) / Double(length - 1) - 1
            return besselI0(beta * max(0, 1 - t * t).squareRoot()) / besselI0(beta)
        }
    }

    /// The 2-D window `w wᵀ` of an 8 × 8 ``Block``.
    static func block(beta: Double) -> Block {
        let w = window(length: Block.side, beta: beta)
        var result = Block.zero
        for row in 0..<Block.side { result[row] = SIMD8(w.map { Float(w[row] * $0) }) }
        return result
    }

    /// `I₀(x) = Σ_k ((x/2)^k / k!)²`, summed until a term no longer changes the sum.
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0, k = 1.0
        while true {
            term *= (x / (2 * k)) * (x / (2 * k))
            if sum + term == sum { return sum }
            sum += term
            k += 1
        }
    }
}
