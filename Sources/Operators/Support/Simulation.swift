/// The measurement `y = noise(A x)` of a flat image `x`, the noise drawn from `seed` (no noise when `noise` is nil).
///
/// Throws when `x` does not have the operator's input size, or when `noise` models intensities
/// (``NoiseModel/appliesToComplexMeasurements`` is false) and the operator's output is complex.
public func simulateMeasurement(of x: [Float], through forward: any LinearOperator, noise: (any NoiseModel)?,
                                seed: UInt64) throws -> [Float] {
    if let noise, forward.outputIsComplex, !noise.appliesToComplexMeasurements {
        throw OperatorError.invalidParameter(owner: "noise", parameter: "name",
            message: "\(noise) models intensities and cannot corrupt the complex measurement of \(forward); expected gaussian or uniform")
    }
    let clean = try forward.apply(x)
    return noise.map { $0.sample(clean, seed: seed) } ?? clean
}
