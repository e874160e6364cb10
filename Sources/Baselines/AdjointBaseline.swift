import Operators

/// `x̂ = Aᵀy`: the adjoint (back-projection) of the measurement, for any operator. Not an inverse — blurred,
/// unnormalised — but the cheapest reference and what every iterative method starts from.
public struct AdjointBaseline: Reconstructor, Sendable {
    public init() {}

    public var description: String { "adjoint" }

    public func reconstruct(_ measurement: [Float], through forward: any LinearOperator) throws -> [Float] {
        try checkMeasurement(measurement, of: forward, by: "adjoint")
        return try forward.adjoint(measurement)
    }
}
