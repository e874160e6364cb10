import Foundation

/// Eigenvalues of a small real symmetric matrix.
enum SymmetricEigenvalues {
    /// The eigenvalues of the symmetric `size × size` matrix `matrix` (row-major), by cyclic Jacobi rotations:
    /// each rotation J(k, l, θ) with tan 2θ = 2a_kl / (a_ll − a_kk) zeroes a_kl, and the off-diagonal Frobenius norm
    /// falls monotonically until it is below 10⁻¹⁴ of the whole norm (or 50 sweeps). Unordered.
    static func jacobi(_ matrix: [Double], size n: Int) -> [Double] {
        var a = matrix
        let total = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for _ in 0..<50 {
            var off = 0.0
            for k in 0..<n { for l in (k + 1)..<max(k + 1, n) { off += 2 * a[k * n + l] * a[k * n + l] } }
            if off.squareRoot() <= 1e-14 * total { break }
            for k in 0..<(n - 1) {
                for l in (k + 1)..<n where a[k * n + l] != 0 {
                    let theta = (a[l * n + l] - a[k * n + k]) / (2 * a[k * n + l])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for m in 0..<n {  // columns k and l
                        let mk = a[m * n + k], ml = a[m * n + l]
                        a[m * n + k] = c * mk - s * ml
                        a[m * n + l] = s * mk + c * ml
                    }
                    for m in 0..<n {  // rows k and l
                        let km = a[k * n + m], lm = a[l * n + m]
                        a[k * n + m] = c * km - s * lm
                        a[l * n + m] = s * km + c * lm
                    }
                }
            }
        }
        return (0..<n).map { a[$0 * n + $0] }
    }
}
