import SeededRandom
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

    /// `(p/2)·z² + (p/2)·(1 − z)²`: a sample moves to 0 or to 1, each with probability `p/2`.
    public func variance(at z: Double) -> Double { probability / 2 * (z * z + (1 - z) * (1 - z)) }

    public var appliesToComplexMeasurements: Bool { false }

    public func sample(_ z: Float, using generator: inout RandomSource) -> Float {
        let u = generator.unitInterval()
        return u < probability ? (u < probability / 2 ? 0 : 1) : z
    }

    public func loss(prediction z: Double, measurement y: Double) -> (value: Double, derivative: Double) {
        let epsilon = Self.smoothing
        let root = ((y - z) * (y - z) + epsilon * epsilon).squareRoot()
        return (root - epsilon, (z - y) / root)
    }
}
