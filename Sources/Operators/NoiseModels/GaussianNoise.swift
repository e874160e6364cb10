import SeededRandom
/// Additive white Gaussian noise `y = z + σn`, `n ~ N(0, 1)`; `ℓ = (y − z)² / 2σ²`, `∂ℓ/∂z = (z − y)/σ²`.
public struct GaussianNoise: NoiseModel {
    public let sigma: Double

    /// Throws unless `sigma > 0`.
    public init(sigma: Double) throws {
        try requirePositive(sigma, "sigma", owner: "gaussian noise")
        self.sigma = sigma
    }

    public var description: String { "gaussian(σ=\(sigma))" }

    /// `σ²`.
    public func variance(at z: Double) -> Double { sigma * sigma }

    public func sample(_ z: Float, using generator: inout RandomSource) -> Float {
        z + Float(sigma * generator.standardNormal())
    }

    public func loss(prediction z: Double, measurement y: Double) -> (value: Double, derivative: Double) {
        let variance = sigma * sigma
        return ((y - z) * (y - z) / (2 * variance), (z - y) / variance)
    }
}
