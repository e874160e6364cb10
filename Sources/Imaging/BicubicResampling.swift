extension ResamplingWeights {
    /// Antialiased bicubic resampling from `n` samples to `m`, in the convention of Pillow's
    /// `Image.resize(size, Image.BICUBIC)` (the float-image path, without its 8-bit fixed-point rounding):
    ///
    /// - pixel centres align: output sample `o` sits at input coordinate `c = (o + ½)·s` with `s = n/m`;
    /// - the kernel is Keys' cubic convolution with `a = −½`:
    ///   `k(t) = (a+2)|t|³ − (a+3)|t|² + 1` for `|t| < 1`, `a(|t|³ − 5|t|² + 8|t| − 4)` for `1 ≤ |t| < 2`, else 0;
    /// - when shrinking (`s > 1`) the kernel is widened by `s` (antialiasing): input sample `k` gets weight
    ///   `k((k + ½ − c) / max(s, 1))`, over the samples `k` with `|k + ½ − c| < 2·max(s, 1)` (Pillow's rounding
    ///   of that window) that lie inside the image;
    /// - the weights of each output sample are divided by their sum, which also renormalises at the borders
    ///   (no padding or reflection).
    ///
    /// Upscaling therefore interpolates with the plain Keys kernel, and shrinking by an integer factor `f`
    /// averages with a cubic `4f` samples wide. (scikit-image's `resize(anti_aliasing=True)` differs: it
    /// pre-blurs with a Gaussian.)
    static func bicubic(from n: Int, to m: Int) -> ResamplingWeights {
        let scale = Double(n) / Double(m)
        let widening = max(scale, 1)
        let support = 2 * widening
        var starts = [Int](), weights = [[Double]]()
        for o in 0..<m {
            let centre = (Double(o) + 0.5) * scale
            let first = max(Int(centre - support + 0.5), 0)
            let end = min(Int(centre + support + 0.5), n)
            var row = (first..<end).map { k in keys((Double(k) - centre + 0.5) / widening) }
            let total = row.reduce(0, +)
            if total != 0 { row = row.map { $0 / total } }
            starts.append(first)
            weights.append(row)
        }
        return ResamplingWeights(inputCount: n, starts: starts, weights: weights)
    }

    /// Keys' cubic convolution kernel with `a = −½`.
    private static func keys(_ t: Double) -> Double {
        let a = -0.5, x = abs(t)
        if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return (((x - 5) * x + 8) * x - 4) * a }
        return 0
    }
}
