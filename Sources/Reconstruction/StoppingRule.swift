/// Which iterate of a reconstruction is kept, with no ground truth to choose it.
public enum StoppingRule: Equatable, Sendable, CustomStringConvertible {
    /// Every step of the budget; the last iterate.
    case iterations
    /// Morozov's discrepancy principle: the first iterate whose residual reaches the noise level,
    /// `d = (1/m) Σ (yᵢ − (Ax)ᵢ)² / Var[yᵢ] ≤ 1`; fitting further would fit the noise. Needs a noise model.
    case discrepancy
    /// Hold-out validation: a seeded `fraction` of the measurement positions is kept out of the fit, and the
    /// iterate whose loss on them is least is kept; the fit ends once that loss has not fallen for max(100, k)
    /// steps after its least value at step k (``Solver/SolverOptions/patience(best:)``).
    case validation(fraction: Double)
    /// Stein's unbiased risk estimate: the iterate whose estimated mean squared error of the image, from y and σ
    /// alone, is least as the median of five consecutive steps (``Solver/SteinRiskProbe``, ``Solver/LeastRiskChoice``;
    /// a twin fit of a perturbed y doubles the cost); the fit ends once it has not fallen for max(100, k) steps after
    /// its least value at step k. Needs Gaussian noise.
    case sure

    /// The fraction held out by `validation` unless said otherwise.
    public static let defaultHeldOutFraction = 0.1

    /// `iterations`, `discrepancy`, `validation` or `validation:F` (0 < F < 1).
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("iterations", 1): self = .iterations
        case ("discrepancy", 1): self = .discrepancy
        case ("sure", 1): self = .sure
        case ("validation", 1): self = .validation(fraction: Self.defaultHeldOutFraction)
        case ("validation", 2):
            guard let fraction = Double(parts[1]), fraction > 0, fraction < 1 else {
                throw ReconstructionError.invalidOption(name: "--stop", value: text, expected: "validation:F with a fraction 0 < F < 1, e.g. validation:0.1")
            }
            self = .validation(fraction: fraction)
        default:
            throw ReconstructionError.invalidOption(name: "--stop", value: text, expected: "iterations, discrepancy, sure, validation or validation:F")
        }
    }

    public var description: String {
        switch self {
        case .iterations: "iterations"
        case .discrepancy: "discrepancy"
        case let .validation(fraction): "validation:\(fraction)"
        case .sure: "sure"
        }
    }
}
