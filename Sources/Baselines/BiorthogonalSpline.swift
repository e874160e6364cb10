/// The biorthogonal spline wavelet bior1.5 (Cohen, Daubechies, Feauveau 1992: Haar synthesis, 5 vanishing moments
/// on the analysis side), the 2-D transform of BM3D's hard-thresholding stage in the paper (Dabov et al. 2007,
/// section VI: `T_2D^ht` bior1.5 with full dyadic decomposition, `T_2D^wie` the DCT).
///
/// Analysis filters (10 taps, PyWavelets' `dec_lo` and `dec_hi`):
///
///     h̃ = √2/256 · [3, −3, −22, 22, 128, 128, 22, −22, −3, 3]
///     g̃ = [0, 0, 0, 0, −1/√2, 1/√2, 0, 0, 0, 0]
///
/// One level of the periodised decomposition of `x` (even length `N`) gives `N/2` approximation and `N/2` detail
/// coefficients, `a_k = Σ_j h̃_j x_{(2k + 5 − j) mod N}` and `d_k` the same with `g̃`; the full decomposition repeats
/// it on the approximation down to one coefficient and orders the result `[a, d_coarsest, …, d_finest]` (PyWavelets'
/// `wavedec(x, 'bior1.5', mode='periodization')`). The matrix of that linear map then has each row scaled to unit
/// norm, as BM3D's reference code normalises its basis elements, so white noise keeps σ in every coefficient.
enum BiorthogonalSpline {
    private static let analysisLowPass: [Double] = [3, -3, -22, 22, 128, 128, 22, -22, -3, 3].map { $0 * 2.0.squareRoot() / 256 }
    private static let analysisHighPass: [Double] = [0, 0, 0, 0, -(0.5.squareRoot()), 0.5.squareRoot(), 0, 0, 0, 0]

    /// The `length × length` analysis matrix (`length` a power of two ≥ 2), rows of unit norm: row `u` applied to a
    /// signal gives its `u`-th coefficient.
    static func analysisMatrix(length: Int) -> [[Double]] {
        precondition(length >= 2 && length & (length - 1) == 0, "bior1.5: the length must be a power of two ≥ 2")
        // Column j is the decomposition of the unit impulse at j.
        let columns = (0..<length).map { j in decomposition((0..<length).map { $0 == j ? 1.0 : 0 }) }
        return (0..<length).map { u in
            let row = columns.map { $0[u] }
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return row.map { $0 / norm }
        }
    }

    /// `[a, d_coarsest, …, d_finest]` of `signal` (full periodised decomposition).
    private static func decomposition(_ signal: [Double]) -> [Double] {
        var approximation = signal, details: [Double] = []
        while approximation.count > 1 {
            details = filteredAndDownsampled(approximation, by: analysisHighPass) + details
            approximation = filteredAndDownsampled(approximation, by: analysisLowPass)
        }
        return approximation + details
    }

    /// `y_k = Σ_j f_j x_{(2k + F/2 − j) mod N}`, `k = 0 … N/2 − 1`, for the filter `f` of `F` taps.
    private static func filteredAndDownsampled(_ x: [Double], by filter: [Double]) -> [Double] {
        let n = x.count, shift = filter.count / 2
        return (0..<n / 2).map { k in
            filter.indices.reduce(0) { sum, j in sum + filter[j] * x[((2 * k + shift - j) % n + n) % n] }
        }
    }
}
