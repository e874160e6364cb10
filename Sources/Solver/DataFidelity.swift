import Operators

/// The data term of an inverse problem and its gradient in `x`:
///
///     D(x) = (1/m) Σᵢ ℓ((Ax)ᵢ; yᵢ),     ∇D(x) = (1/m) Aᵀ ∂ℓ/∂z |_{z = Ax},
///
/// with `ℓ` the noise model's per-sample negative log-likelihood (`½(z − y)²` when there is none) and `m` the
/// number of measurement samples. Holds the scratch buffers of `Ax` and `∂ℓ/∂z`, so evaluating allocates nothing.
/// For a problem with a noise model, each evaluation also measures the discrepancy `d(Ax; y)`
/// (``NoiseModel/discrepancy(prediction:measurement:)``), whose expectation at the true image is 1.
final class DataFidelity {
    let problem: InverseProblem
    /// The noise model, or for a noiseless problem Gaussian noise of σ = 1, whose NLL is `½(z − y)²`.
    private let likelihood: any NoiseModel
    /// `d(Ax; y)` at the last evaluation; `nil` before it or for a noiseless problem (no noise level to compare with).
    private(set) var discrepancy: Double?
    private var predicted: [Float]
    private var residualGradient: [Float]

    init(problem: InverseProblem) throws {
        self.problem = problem
        likelihood = try problem.noise ?? GaussianNoise(sigma: 1)
        predicted = [Float](repeating: 0, count: problem.forward.outputShape.count)
        residualGradient = predicted
    }

    /// Returns `D(x)` and writes `∇D(x)` into `gradient` (both buffers of `A`'s input size).
    func evaluate(_ x: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        let forward = problem.forward
        let scale = 1 / Double(predicted.count)
        return predicted.withUnsafeMutableBufferPointer { z in
            residualGradient.withUnsafeMutableBufferPointer { dz in
                problem.measurement.withUnsafeBufferPointer { y in
                    forward.apply(x, into: z)
                    let total = likelihood.negativeLogLikelihood(prediction: UnsafeBufferPointer(z), measurement: y, gradient: dz)
                    if let noise = problem.noise { discrepancy = noise.discrepancy(prediction: UnsafeBufferPointer(z), measurement: y) }
                    let factor = Float(scale)
                    for i in dz.indices { dz[i] *= factor }
                    forward.adjoint(UnsafeBufferPointer(dz), into: gradient)
                    return total * scale
                }
            }
        }
    }
}
