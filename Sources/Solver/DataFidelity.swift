import Operators

/// The data term of an inverse problem and its gradient in `x`:
///
///     D(x) = (1/m) Σᵢ∈F ℓ((Ax)ᵢ; yᵢ),     ∇D(x) = (1/m) Aᵀ (𝟙_F ⊙ ∂ℓ/∂z) |_{z = Ax},
///
/// with `ℓ` the noise model's per-sample negative log-likelihood (`½(z − y)²` when there is none), `F` the samples
/// fitted and `m = |F|`. F is every sample unless a ``HeldOutSamples`` set is given: those samples are left out
/// of the fit, and their mean NLL `(1/|H|) Σᵢ∈H ℓ((Ax)ᵢ; yᵢ)` is measured as the held-out loss — a validation loss
/// with no ground truth, which falls while the fit recovers the image and rises once it fits the noise of the other
/// samples. Holds the scratch buffers of `Ax` and `∂ℓ/∂z`, so evaluating allocates nothing.
/// For a problem with a noise model, each evaluation also measures the discrepancy of the fitted samples
/// `d = (1/m) Σᵢ∈F (yᵢ − zᵢ)² / Var[yᵢ | zᵢ]` (``NoiseModel/discrepancy(prediction:measurement:)``), whose
/// expectation at the true image is 1.
final class DataFidelity {
    let problem: InverseProblem
    /// The noise model, or for a noiseless problem Gaussian noise of σ = 1, whose NLL is `½(z − y)²`.
    private let likelihood: any NoiseModel
    /// `d(Ax; y)` over the fitted samples at the last evaluation; `nil` before it or for a noiseless problem.
    private(set) var discrepancy: Double?
    /// The mean NLL of the held-out samples at the last evaluation; `nil` before it or without held-out samples.
    private(set) var heldOutLoss: Double?
    /// The NLL of each held-out sample at the last evaluation, in measurement order (empty without held-out samples).
    private(set) var heldOutValues: [Double] = []
    /// Per measurement sample: whether it is held out (nil: none is).
    private let heldOut: [Bool]?
    private let fittedCount: Int
    /// `Ax` at the last evaluation.
    private(set) var predicted: [Float]
    private var residualGradient: [Float]

    init(problem: InverseProblem, heldOut: HeldOutSamples? = nil) throws {
        self.problem = problem
        likelihood = try problem.noise ?? GaussianNoise(sigma: 1)
        predicted = [Float](repeating: 0, count: problem.forward.outputShape.count)
        residualGradient = predicted
        self.heldOut = heldOut?.mask
        fittedCount = heldOut.map { $0.mask.count - $0.count } ?? predicted.count
    }

    /// Returns `D(x)` and writes `∇D(x)` into `gradient` (both buffers of `A`'s input size).
    func evaluate(_ x: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        let forward = problem.forward
        let scale = 1 / Double(fittedCount)
        return predicted.withUnsafeMutableBufferPointer { z in
            residualGradient.withUnsafeMutableBufferPointer { dz in
                problem.measurement.withUnsafeBufferPointer { y in
                    forward.apply(x, into: z)
                    var total = 0.0
                    if let heldOut {
                        var heldOutTotal = 0.0, squares = 0.0
                        heldOutValues.removeAll(keepingCapacity: true)
                        for i in dz.indices {
                            let (value, derivative) = likelihood.loss(prediction: Double(z[i]), measurement: Double(y[i]))
                            if heldOut[i] {
                                heldOutTotal += value
                                heldOutValues.append(value)
                                dz[i] = 0
                                continue
                            }
                            total += value
                            dz[i] = Float(derivative)
                            squares += problem.noise?.discrepancyTerm(prediction: Double(z[i]), measurement: Double(y[i])) ?? 0
                        }
                        heldOutLoss = heldOutTotal / Double(dz.count - fittedCount)
                        if problem.noise != nil { discrepancy = squares / Double(fittedCount) }
                    } else {
                        total = likelihood.negativeLogLikelihood(prediction: UnsafeBufferPointer(z), measurement: y, gradient: dz)
                        if let noise = problem.noise { discrepancy = noise.discrepancy(prediction: UnsafeBufferPointer(z), measurement: y) }
                    }
                    let factor = Float(scale)
                    for i in dz.indices { dz[i] *= factor }
                    forward.adjoint(UnsafeBufferPointer(dz), into: gradient)
                    return total * scale
                }
            }
        }
    }
}
