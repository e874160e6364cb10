import SeededRandom

/// Stein's unbiased risk estimate (SURE) of a fit's error, its divergence by Monte Carlo (Ramani, Blu and Unser,
/// "Monte-Carlo SURE: a black-box optimization of regularization parameters for general denoising algorithms",
/// IEEE TIP 17(9), 2008). For `y = z + σn`, `n ~ N(0, I)` with `m` samples (`z = Ax`), and any weakly differentiable
/// estimate `ẑ(y)` of `z` (Stein, 1981):
///
///     R̂ = (1/m) ‖y − ẑ(y)‖² − σ² + (2σ²/m) · div_y ẑ(y),        E[R̂] = (1/m) E‖ẑ(y) − z‖²,
///
/// and for one seeded probe `b ~ N(0, I)` and a small `ε`, `div_y ẑ(y) ≈ bᵀ(ẑ(y + εb) − ẑ(y)) / ε` (exact in
/// expectation over `b` for a linear estimate, `E[bᵀHb] = tr H`).
///
/// For an INR fit `ẑ_k(y) = A x_k(y)`, the k-th iterate; a twin fit of `y + εb` from the same start, stepped in
/// lockstep, gives `ẑ_k(y + εb)` at every k for twice the cost (``INRSolver``). R̂ then estimates the mean squared
/// error of the predicted measurement at every step with no ground truth: for denoising (A = I) the image's MSE,
/// for other operators the error of `Ax` (the predicted risk). Unlike the residual alone (the discrepancy
/// principle), it charges a fit for the noise it has absorbed: the divergence counts the fit's degrees of freedom.
public struct SteinRiskProbe: Sendable, Equatable {
    /// Seeds the probe direction b.
    public let seed: UInt64

    /// ε / σ: the probe's step relative to the noise level. Small enough that the fit is close to linear in y over
    /// the step (the perturbation's energy is 10⁻⁴ of the noise's), large enough that the twin's difference,
    /// about ε in each pixel, stands far above float32 rounding (≈ 6·10⁻⁸ at 0.5).
    public static let relativeStep = 0.01

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// ε for noise of standard deviation `sigma`.
    public static func step(sigma: Double) -> Double { relativeStep * sigma }

    /// The probe b: `count` independent standard normal draws from ``seed``.
    public func direction(count: Int) -> [Float] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { _ in Float(random.standardNormal()) }
    }

    /// R̂ from the measurement `y`, the estimate `ẑ(y)`, the twin's `ẑ(y + εb)`, the probe `b`, σ and ε (all buffers
    /// of the measurement's size), summed in double precision.
    public static func risk(measurement y: UnsafeBufferPointer<Float>, estimate: UnsafeBufferPointer<Float>,
                            perturbedEstimate: UnsafeBufferPointer<Float>, direction b: UnsafeBufferPointer<Float>,
                            sigma: Double, step epsilon: Double) -> Double {
        var squaredResidual = 0.0, divergence = 0.0
        for i in y.indices {
            let residual = Double(y[i]) - Double(estimate[i])
            squaredResidual += residual * residual
            divergence += Double(b[i]) * (Double(perturbedEstimate[i]) - Double(estimate[i]))
        }
        let m = Double(y.count), variance = sigma * sigma
        return squaredResidual / m - variance + 2 * variance * (divergence / epsilon) / m
    }
}
