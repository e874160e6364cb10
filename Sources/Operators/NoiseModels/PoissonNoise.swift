import Foundation
import SeededRandom

/// Photon-counting noise at `peak` photons for intensity 1: `y = Poisson(peak · max(z, 0)) / peak`
/// (mean `z`, variance `z / peak`).
///
/// `ℓ = peak·(z − y log z)` (the Poisson NLL of the counts `peak·y` at rate `peak·z`, constants dropped),
/// `∂ℓ/∂z = peak·(1 − y/z)`. Below `z = ε = 10⁻⁶` the loss continues linearly with the slope it has at `ε`, so it
/// stays finite and differentiable for a network output that dips below zero.
public struct PoissonNoise: NoiseModel {
    public let peak: Double
    static let floor = 1e-6

    /// Throws unless `peak > 0`.
    public init(peak: Double) throws {
        try requirePositive(peak, "peak", owner: "poisson noise")
        self.peak = peak
    }

    public var description: String { "poisson(peak=\(peak))" }

    /// `max(z, 0)/peak`.
    public func variance(at z: Double) -> Double { max(z, 0) / peak }

    public var appliesToComplexMeasurements: Bool { false }

    public func sample(_ z: Float, using generator: inout RandomSource) -> Float {
        Float(generator.poisson(mean: peak * max(Double(z), 0)) / peak)
    }

    public func loss(prediction z: Double, measurement y: Double) -> (value: Double, derivative: Double) {
        let clamped = max(z, Self.floor)
        let value = peak * (clamped - y * log(clamped)), slope = peak * (1 - y / clamped)
        return z >= Self.floor ? (value, slope) : (value + slope * (z - Self.floor), slope)
    }
}
