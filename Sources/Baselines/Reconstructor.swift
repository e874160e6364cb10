import Operators

/// A classical reconstruction method: from a measurement `y` of a forward operator `A`, an estimate `x̂` of the
/// image. Baselines give an INR result its meaning: a problem reports them beside the INR reconstructions.
public protocol Reconstructor: CustomStringConvertible {
    /// The estimate `x̂`, a flat buffer of `forward.inputShape` (see ``Operators/ImageShape``), from the flat
    /// measurement `measurement` of `forward.outputShape`. Throws ``BaselineError`` when the method does not apply
    /// to this operator and ``Operators/OperatorError/shapeMismatch(what:expected:got:)`` when the measurement's
    /// size is wrong.
    func reconstruct(_ measurement: [Float], through forward: any LinearOperator) throws -> [Float]
}

/// Throws when `measurement` is not a flat buffer of `forward.outputShape`.
func checkMeasurement(_ measurement: [Float], of forward: any LinearOperator, by baseline: String) throws {
    guard measurement.count == forward.outputShape.count else {
        throw OperatorError.shapeMismatch(what: "\(baseline) measurement of \(forward)", expected: forward.outputShape,
                                          got: "\(measurement.count) samples")
    }
}
