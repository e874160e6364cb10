import Operators

/// The measurement spread back onto the image in intensity units: `x₀ = Aᵀy ⊘ Aᵀ1` (element-wise), each pixel the
/// average of the measurements it enters, weighted by how much it enters them. For an operator whose weights are
/// non-negative and sum to one per measurement (blur, area or bicubic resizing away from its lobes, inpainting, the
/// Radon transform up to a constant), `x₀` is a local average of `y` at the right brightness everywhere — also at
/// the border, where a pixel enters fewer measurements and `Aᵀy` alone is dark.
///
/// Pixels that enter no measurement (`Aᵀ1 ≤ 10⁻⁶ · max Aᵀ1`, an inpainting hole) take the mean of the others.
/// `nil` when `Aᵀ1` has a negative entry beyond rounding or no positive one (complex or signed operators, such as
/// MRI's Fourier sampling): there is then no intensity to spread back.
func normalizedBackProjection(_ measurement: [Float], through forward: any LinearOperator) throws -> [Float]? {
    let weights = try forward.adjoint([Float](repeating: 1, count: forward.outputShape.count))
    guard let largest = weights.max(), largest > 0, weights.allSatisfy({ $0 >= -1e-6 * largest }) else { return nil }
    let spread = try forward.adjoint(measurement)
    let floor = 1e-6 * largest
    let entered = weights.indices.filter { weights[$0] > floor }
    let mean = entered.reduce(0.0) { $0 + Double(spread[$1] / weights[$1]) } / Double(max(entered.count, 1))
    return weights.indices.map { weights[$0] > floor ? spread[$0] / weights[$0] : Float(mean) }
}
