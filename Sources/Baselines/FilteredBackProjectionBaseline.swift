import Operators

/// Filtered back-projection of a parallel-beam sinogram (``Operators/FilteredBackProjection``): the ramp-filtered
/// (optionally windowed) projections smeared back over the image, `x̂ = (π/n) Σ_k (h ∗ y_k)(x cos θ_k + y sin θ_k)`.
/// Only for `radon` forwards, whose geometry it uses.
public struct FilteredBackProjectionBaseline: Reconstructor, Sendable {
    public let filter: FBPFilter

    public init(filter: FBPFilter = .ramp) {
        self.filter = filter
    }

    public var description: String { "fbp(\(filter.rawValue))" }

    public func reconstruct(_ measurement: [Float], through forward: any LinearOperator) throws -> [Float] {
        guard let radon = forward as? RadonOperator else {
            throw BaselineError.inapplicable(baseline: "fbp", forward: forward.description, appliesTo: "the radon operator")
        }
        try checkMeasurement(measurement, of: forward, by: "fbp")
        return try FilteredBackProjection(geometry: radon, filter: filter).reconstruct(measurement)
    }
}
