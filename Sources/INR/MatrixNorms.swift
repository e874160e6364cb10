import Foundation

/// Norms of a weight matrix W (m × n), in Double, for describing trained layers.
extension Matrix {
    /// ‖W‖_F = √(Σ w_ij²).
    public var frobeniusNorm: Double {
        values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    /// ‖W‖₂ = σ_max(W), the largest singular value: power iteration on WᵀW from a fixed start vector, until the
    /// estimate changes by less than `tolerance` (relative) or after `maximumIterations`.
    public func spectralNorm(tolerance: Double = 1e-10, maximumIterations: Int = 1000) -> Double {
        guard rows > 0, columns > 0 else { return 0 }
        // A fixed, generic start: no seed needed, and no structured matrix is orthogonal to it by accident.
        var v = (0..<columns).map { 1.5 + sin(Double($0) + 1) }
        var estimate = 0.0
        var wv = [Double](repeating: 0, count: rows)
        for _ in 0..<maximumIterations {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { return 0 }
            for j in v.indices { v[j] /= norm }
            for i in 0..<rows {  // Wv
                var sum = 0.0
                for j in 0..<columns { sum += Double(values[i * columns + j]) * v[j] }
                wv[i] = sum
            }
            let next = wv.reduce(0) { $0 + $1 * $1 }.squareRoot()  // ‖Wv‖ → σ_max
            for j in 0..<columns {  // v ← Wᵀ(Wv)
                var sum = 0.0
                for i in 0..<rows { sum += Double(values[i * columns + j]) * wv[i] }
                v[j] = sum
            }
            if abs(next - estimate) <= tolerance * next { return next }
            estimate = next
        }
        return estimate
    }

    /// The stable rank ‖W‖_F² / ‖W‖₂² (Rudelson & Vershynin): between 1 (rank one) and rank(W) (all singular
    /// values equal), a rank that does not jump with tiny singular values. 0 for the zero matrix.
    public var stableRank: Double {
        let spectral = spectralNorm()
        return spectral > 0 ? frobeniusNorm * frobeniusNorm / (spectral * spectral) : 0
    }
}
