import Operators

/// The solution of `(AᵀA + ρI) x = b` by the conjugate-gradient method (Hestenes–Stiefel; inner products in
/// `Double`) from `start` (0 when `nil`): at most `iterations` steps, stopping when the residual
/// `‖b − (AᵀA + ρI)x‖` falls to `tolerance · ‖b‖`, or when a direction has no curvature (a singular system's
/// null space: nothing to gain). `AᵀA` is ``Operators/LinearOperator/normal(_:into:)``.
func conjugateGradientSolve(_ forward: any LinearOperator, shift rho: Float, rightHandSide b: [Float], start: [Float]? = nil,
                            iterations: Int, tolerance: Double) -> [Float] {
    let n = b.count
    var x = start ?? [Float](repeating: 0, count: n)
    var product = [Float](repeating: 0, count: n)
    var residual = b
    if start != nil {
        // residual = b − (AᵀA + ρI) x₀
        withBuffers(x, into: &product) { forward.normal($0, into: $1) }
        for i in 0..<n { residual[i] -= product[i] + rho * x[i] }
    }
    var direction = residual
    let stop = tolerance * squaredNorm(b).squareRoot()
    var residualSquared = squaredNorm(residual)
    for _ in 0..<iterations {
        if residualSquared.squareRoot() <= stop { break }
        // product = (AᵀA + ρI) direction
        withBuffers(direction, into: &product) { forward.normal($0, into: $1) }
        for i in 0..<n { product[i] += rho * direction[i] }
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
