import SeededRandom
/// Additive uniform noise `y = z + u`, `u ~ U(−a, a)` (variance `a²/3`).
///
/// The exact NLL is flat inside `|y − z| ≤ a` and infinite outside, useless for gradient descent; the loss is the
/// moment-matched Gaussian `ℓ = 3(y − z)²/2a²`, `∂ℓ/∂z = 3(z − y)/a²`.
public struct UniformNoise: NoiseModel {
    public let amplitude: Double

    /// Throws unless `a > 0`.
    public init(amplitude: Double) throws {
        try requirePositive(amplitude, "a", owner: "uniform noise")
        self.amplitude = amplitude
    }

    public var description: String { "uniform(a=\(amplitude))" }

    /// `a²/3`.
    public func variance(at z: Double) -> Double { amplitude * amplitude / 3 }

    public func sample(_ z: Float, using generator: inout RandomSource) -> Float {
        z + Float(amplitude * (2 * generator.unitInterval() - 1))
    }

    public func loss(prediction z: Double, measurement y: Double) -> (value: Double, derivative: Double) {
        let a2 = amplitude * amplitude
        return (3 * (y - z) * (y - z) / (2 * a2), 3 * (z - y) / a2)
    }
}
