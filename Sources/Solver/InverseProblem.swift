import Imaging
import Operators

/// One instance of `y = noise(A x)`: the forward operator, the measurement, the noise model whose negative
/// log-likelihood is the data fidelity, and (for evaluation only) the ground truth `x`.
public struct InverseProblem {
    /// `A`, from the reconstruction grid (``reconstructionShape``) to the measurement.
    public let forward: any LinearOperator
    /// `y`, a flat buffer of `forward.outputShape`.
    public let measurement: [Float]
    /// The model of `y` given `z = Ax`; `nil` means least squares, `ℓ(z; y) = ½(z − y)²`.
    public let noise: (any NoiseModel)?
    /// The image `x` the measurement was simulated from, shaped as ``reconstructionShape``; metrics need it.
    public let groundTruth: Image?

    /// Checks that the measurement has `A`'s output size and is finite, and that the ground truth (when given)
    /// has `A`'s input shape and is finite.
    public init(forward: any LinearOperator, measurement: [Float], noise: (any NoiseModel)?, groundTruth: Image?) throws {
        guard measurement.count == forward.outputShape.count else {
            throw SolverError.shapeMismatch(
                what: "measurement of \(forward)", expected: "\(forward.outputShape.count) samples (\(forward.outputShape))",
                found: "\(measurement.count)")
        }
        try Self.requireFinite(measurement, "measurement")
        if let truth = groundTruth {
            guard ImageShape(of: truth) == forward.inputShape else {
                throw SolverError.shapeMismatch(
                    what: "ground truth of \(forward)", expected: forward.inputShape.description,
                    found: ImageShape(of: truth).description)
            }
            try Self.requireFinite(truth.pixels, "ground truth")
        }
        self.forward = forward
        self.measurement = measurement
        self.noise = noise
        self.groundTruth = groundTruth
    }

    /// The shape of the reconstruction `x`: `A`'s input shape (the high-resolution grid for super-resolution).
    public var reconstructionShape: ImageShape { forward.inputShape }

    private static func requireFinite(_ values: [Float], _ what: String) throws {
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw SolverError.nonFiniteData(what: what, index: index, value: values[index])
        }
    }
}
