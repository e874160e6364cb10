import Operators

/// Zero-filled MRI reconstruction: `x̂ = Re F⁻¹(M ⊙ y)`, the inverse orthonormal DFT of the measured k-space with the
/// unsampled coefficients set to 0 — which for ``Operators/MRIOperator`` is exactly its adjoint `Aᵀy`. Exact for a
/// fully sampled mask (`F` is unitary); aliased for undersampled ones. Only for `mri` forwards.
public struct ZeroFilledBaseline: Reconstructor, Sendable {
    public init() {}

    public var description: String { "zero_filled" }

    public func reconstruct(_ measurement: [Float], through forward: any LinearOperator) throws -> [Float] {
        guard forward is MRIOperator else {
            throw BaselineError.inapplicable(baseline: "zero_filled", forward: forward.description, appliesTo: "the mri operator")
        }
        try checkMeasurement(measurement, of: forward, by: "zero_filled")
        return try forward.adjoint(measurement)
    }
}
