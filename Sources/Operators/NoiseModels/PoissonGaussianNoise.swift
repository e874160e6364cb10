import Foundation
import SeededRandom

/// Poisson noise at `peak` followed by additive Gaussian noise σ: `y = Poisson(peak·max(z, 0))/peak + σn`.
///
/// The exact likelihood is an infinite sum; the loss is its standard heteroscedastic Gaussian approximation with
/// the true mean and variance `v(z) = max(z, 0)/peak + σ²`: `ℓ = (y − z)²/2v + ½ log v`,
/// `∂ℓ/∂z = −(y − z)/v + (1/2v − (y − z)²/2v²) · v'(z)`, `v' = 1/peak` for `z > 0`, else 0.
public struct PoissonGaussianNoise: NoiseModel {
    public let peak: Double
    public let sigma: Double

    /// Throws unless `peak > 0` and `sigma > 0`.
    public init(peak: Double, sigma: Double) throws {
        try requirePositive(peak, "peak", owner: "poisson_gaussian noise")
        try requirePositive(sigma, "sigma", owner: "poisson_gaussian noise")
        self.peak = peak
        self.sigma = sigma
    }

    public var description: String { "poisson_gaussian(peak=\(peak), σ=\(sigma))" }

    /// `max(z, 0)/peak + σ²`.
    public func variance(at z: Double) -> Double { max(z, 0) / peak + sigma * sigma }

    public var appliesToComplexMeasurements: Bool { false }

    public func sample(_ z: Float, using generator: inout RandomSource) -> Float {
        let counts = generator.poisson(mean: peak * max(Double(z), 0))
        return Float(counts / peak + sigma * generator.standardNormal())
    }

    public func loss(prediction z: Double, measurement y: Double) -> (value: Double, derivative: Double) {
        let variance = variance(at: z)
        let residual = y - z
        let varianceSlope = z > 0 ? 1 / peak : 0
        let value = residual * residual / (2 * variance) + 0.5 * log(variance)
        let derivative = -residual / variance + (0.5 / variance - residual * residual / (2 * variance * variance)) * varianceSlope
        return (value, derivative)
    }
}
