/// Vectorised sine and cosine of Float lanes, computed together from ONE range reduction.
///
/// Method: k = round(x · 2/π) (by adding 1.5·2²³, which also leaves k's low bits in the float's bit pattern);
/// r = x − k·(P1 + P2 + P3) with π/2 split (Cody–Waite) into three parts so that
/// k·P1 and k·P2 are exact for |k| < 2¹⁵ (fused multiply-adds keep the rest exact to rounding); |r| ≤ π/4.
/// On that interval sin r and cos r are Cephes' single-precision minimax polynomials
///   sin r ≈ r + r³(S0 + r²(S1 + r²S2)),   cos r ≈ 1 − r²/2 + r⁴(C0 + r²(C1 + r²C2)),
/// and the quadrant q = k mod 4 selects and signs them, by bit operations:
///   sin x = (sin r, cos r, −sin r, −cos r)[q],   cos x = (cos r, −sin r, −cos r, sin r)[q].
/// Absolute error ≤ 2·10⁻⁶ for |x| ≤ 500 (tested against Double `sin`/`cos`); beyond that the reduction
/// slowly loses accuracy (error grows like |x|·2⁻⁴⁸).
@usableFromInline enum SineCosineConstants {
    @usableFromInline static let twoOverPi: Float = 0.636_619_772_367_581_3
    @usableFromInline static let roundingShift: Float = 12_582_912  // 1.5·2²³
    @usableFromInline static let halfPiPart1: Float = 1.570_312_5  // 8 significant bits
    @usableFromInline static let halfPiPart2: Float = 4.837_512_969_970_703_125e-4
    @usableFromInline static let halfPiPart3: Float = 7.549_789_948_768_648e-8
    @usableFromInline static let sin0: Float = -1.951_529_589_1e-4
    @usableFromInline static let sin1: Float = 8.332_160_873_6e-3
    @usableFromInline static let sin2: Float = -1.666_665_461_1e-1
    @usableFromInline static let cos0: Float = 2.443_315_711_809_948e-5
    @usableFromInline static let cos1: Float = -1.388_731_625_493_765e-3
    @usableFromInline static let cos2: Float = 4.166_664_568_298_827e-2
}

extension SIMD where Scalar == Float {
    /// (sin x, cos x) lane by lane from one shared range reduction; see ``SineCosineConstants``.
    @inlinable @inline(__always)
    public static func sineCosine(_ x: Self) -> (sin: Self, cos: Self) {
        typealias K = SineCosineConstants
        typealias Bits = MaskStorage  // Int32 lanes, as many as Self
        // Adding 1.5·2²³ rounds x·2/π to the nearest integer k (|k| < 2²²) and leaves k mod 2²² in the low
        // mantissa bits: its two lowest bits are the quadrant q = k mod 4, also for negative k.
        let shifted = Self(repeating: K.roundingShift).addingProduct(x, Self(repeating: K.twoOverPi))
        let k = shifted - K.roundingShift
        var r = x.addingProduct(-k, Self(repeating: K.halfPiPart1))
        r = r.addingProduct(-k, Self(repeating: K.halfPiPart2))
        r = r.addingProduct(-k, Self(repeating: K.halfPiPart3))
        let r2 = r * r
        var ps = Self(repeating: K.sin1).addingProduct(r2, Self(repeating: K.sin0))
        ps = Self(repeating: K.sin2).addingProduct(r2, ps)
        let sinR = r.addingProduct(r * r2, ps)
        var pc = Self(repeating: K.cos1).addingProduct(r2, Self(repeating: K.cos0))
        pc = Self(repeating: K.cos2).addingProduct(r2, pc)
        let cosR = (Self(repeating: 1).addingProduct(r2, Self(repeating: -0.5))).addingProduct(r2 * r2, pc)
        // sin x = (sin r, cos r, −sin r, −cos r)[q], cos x = (cos r, −sin r, −cos r, sin r)[q]: swap on odd q,
        // flip the sign bit of sin on q ∈ {2, 3} and of cos on q ∈ {1, 2}. Pure bit operations, exact.
        let q = unsafeBitCast(shifted, to: Bits.self)
        let odd = Bits() &- (q & 1)  // all ones on odd q
        let sinBits = unsafeBitCast(sinR, to: Bits.self), cosBits = unsafeBitCast(cosR, to: Bits.self)
        let swapped = (sinBits ^ cosBits) & odd
        let s = unsafeBitCast((sinBits ^ swapped) ^ ((q & 2) &<< 30), to: Self.self)
        let c = unsafeBitCast((cosBits ^ swapped) ^ (((q &+ 1) & 2) &<< 30), to: Self.self)
        return (s, c)
    }
}
