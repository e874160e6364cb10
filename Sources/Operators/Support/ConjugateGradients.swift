/// The solution of `M x = b` for a symmetric positive semi-definite `M`, given as `applying(v, into: Mv)`, by the
/// conjugate-gradient method (Hestenes–Stiefel; inner products in `Double`) from `start` (0 when `nil`): at most
/// `iterations` steps, stopping when the residual `‖b − Mx‖` falls to `tolerance · ‖b‖`, or when a direction has no
/// curvature (a singular system's null space: nothing to gain). From 0 on a singular `M`, the iterates stay in its
/// range: a truncated solve is a regularised pseudo-inverse `M⁺b`. The baselines solve `(AᵀA + ρI) x = b` with it,
/// the solver's projected risk `(AAᵀ) w = r` (``Solver/SteinRiskProbe``).
package func conjugateGradientSolve(applying: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void,
                                    rightHandSide b: [Float], start: [Float]? = nil, iterations: Int, tolerance: Double) -> [Float] {
    let n = b.count
    var x = start ?? [Float](repeating: 0, count: n)
    var product = [Float](repeating: 0, count: n)
    func apply(_ v: [Float]) {
        v.withUnsafeBufferPointer { source in product.withUnsafeMutableBufferPointer { applying(source, $0) } }
    }
    var residual = b
    if start != nil {
        apply(x)  // residual = b − M x₀
        for i in 0..<n { residual[i] -= product[i] }
    }
    var direction = residual
    let stop = tolerance * squaredNorm(b).squareRoot()
    var residualSquared = squaredNorm(residual)
    for _ in 0..<iterations {
        if residualSquared.squareRoot() <= stop { break }
        apply(direction)
        let curvature = dot(direction, product)
        guard curvature > 0 else { break }
        let step = Float(residualSquared / curvature)
        for i in 0..<n {
            x[i] += step * direction[i]
            residual[i] -= step * product[i]
        }
        let next = squaredNorm(residual)
        let beta = Float(next / residualSquared)
        for i in 0..<n { direction[i] = residual[i] + beta * direction[i] }
        residualSquared = next
    }
    return x
}

extension LinearOperator {
    /// `(AᵀA + ρI) x = b` by ``conjugateGradientSolve(applying:rightHandSide:start:iterations:tolerance:)``, `AᵀA` being
    /// ``normal(_:into:)``.
    package func shiftedNormalSolve(shift rho: Float, rightHandSide b: [Float], start: [Float]? = nil,
                                    iterations: Int, tolerance: Double) -> [Float] {
        conjugateGradientSolve(applying: { v, product in
            normal(v, into: product)
            for i in product.indices { product[i] += rho * v[i] }
        }, rightHandSide: b, start: start, iterations: iterations, tolerance: tolerance)
    }
}
