/// Vectorised sine and cosine of Float lanes, computed together from ONE range reduction.
///
/// Method: k = round(x · 2/π); r = x − k·(P1 + P2 + P3) with π/2 split (Cody–Waite) into three parts so that
/// k·P1 and k·P2 are exact for |k| < 2¹⁵ (fused multiply-adds keep the rest exact to rounding); |r| ≤ π/4.
/// On that interval sin r and cos r are Cephes' single-precision minimax polynomials
///   sin r ≈ r + r³(S0 + r²(S1 + r²S2)),   cos r ≈ 1 − r²/2 + r⁴(C0 + r²(C1 + r²C2)),
/// and the quadrant q = k mod 4 selects and signs them:
///   sin x = (sin r, cos r, −sin r, −cos r)[q],   cos x = (cos r, −sin r, −cos r, sin r)[q].
/// Absolute error ≤ 2·10⁻⁶ for |x| ≤ 500 (tested against Double `sin`/`cos`); beyond that the reduction
/// slowly loses accuracy (error grows like |x|·2⁻⁴⁸).
@usableFromInline enum SineCosineConstants {
    @usableFromInline static let twoOverPi: Float = 0.636_619_772_367_581_3
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
        let k = (x * K.twoOverPi).rounded(.toNearestOrEven)
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
        // Quadrant q = k mod 4 by exact float arithmetic (k is an integer, |k| < 2²⁴); selecting with weights
        // that are exactly 0 or 1 and signs that are exactly ±1 keeps the result bit-exact, and branch- and
        // mask-free code vectorises fully.
        let q = k - 4 * (k * 0.25).rounded(.down)
        let half = (q * 0.5).rounded(.down)  // 0 for q ∈ {0, 1}, 1 for q ∈ {2, 3}
        let odd = q - 2 * half  // 1 for q ∈ {1, 3}
        let even = 1 - odd
        let sinSign = 1 - 2 * half  // + + − −
        let cosSign = 1 - 2 * (half + odd - 2 * (half * odd))  // + − − +: the parity of half + odd
        let s = sinSign * (odd * cosR + even * sinR)
        let c = cosSign * (odd * sinR + even * cosR)
        return (s, c)
    }
}
