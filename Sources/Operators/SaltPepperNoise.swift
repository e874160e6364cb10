/// Impulse noise: each sample independently becomes 0 (pepper) or 1 (salt) with probability `p/2` each,
/// otherwise stays `z`.
///
/// The likelihood is a mixture with point masses and has no useful gradient; the matching loss is the robust
/// `L¹` distance (the NLL of a Laplace model), smoothed as Charbonnier `ℓ = √((y − z)² + ε²) − ε`, ε = 10⁻³,
/// `∂ℓ/∂z = (z − y)/√((y − z)² + ε²)`.
public struct SaltPepperNoise: NoiseModel {
    public let probability: Double
    static let smoothing = 1e-3

    /// Throws unless `0 ≤ p ≤ 1`.
    public init(probability: Double) throws {
        guard (0...1).contains(probability) else {
            throw OperatorError.invalidParameter(owner: "salt_pepper noise", parameter: "p",
                message: "must be a probability in [0, 1], got \(probability)")
        }
        self.probability = probability
    }

    public var description: String { "salt_pepper(p=\(probability))" }

    public var appliesToComplexMeasurements: Bool { false }

    public func sample(_ z: Float, using generator: inout SeededGenerator) -> Float {
        let u = generator.nextUniform()
        return u < probability ? (u < probability / 2 ? 0 : 1) : z
    }

    public func loss(prediction z: Double, measurement y: Double) -> (value: Double, derivative: Double) {
        let epsilon = Self.smoothing
        let root = ((y - z) * (y - z) + epsilon * epsilon).squareRoot()
        return (root - epsilon, (z - y) / root)
    }
}
