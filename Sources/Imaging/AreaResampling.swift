extension ResamplingWeights {
    /// Area averaging from `n` samples to `m`: output sample `o` is the mean of the input over the interval
    /// `[o·n/m, (o+1)·n/m)`, each input sample `k` (covering `[k, k+1)`) weighted by its overlap with it.
    ///
    /// For an integer factor `n = f·m` this is the plain mean of `f` consecutive samples; for fractional factors
    /// the end samples count with their fractional overlap. Computed in units of `1/m` input samples, where every
    /// interval end is an integer, so the overlaps are exact. Mass is preserved: `Σ output · n/m = Σ input`.
    static func areaAverage(from n: Int, to m: Int) -> ResamplingWeights {
        var starts = [Int](), weights = [[Double]]()
        for o in 0..<m {
            let lower = o * n, upper = (o + 1) * n            // output interval, in units of 1/m
            let first = lower / m, last = (upper - 1) / m     // input samples it touches
            starts.append(first)
            weights.append((first...last).map { k in
                let overlap = min(upper, (k + 1) * m) - max(lower, k * m)
                return Double(overlap) / Double(n)
            })
        }
        return ResamplingWeights(inputCount: n, starts: starts, weights: weights)
    }
}
