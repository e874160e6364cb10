import Imaging
import INR

/// A measurement of the reconstruction against the ground truth during a solve.
public struct SolverEvaluation: Sendable, Equatable {
    /// Steps taken (0 = the prior's initialisation).
    public let iteration: Int
    /// PSNR in dB, peak 1, of the reconstruction clipped to [0, 1].
    public let psnr: Double
    /// SSIM (scikit-image's convention), when measured.
    public let ssim: Double?
    /// The objective at this iteration (for a step, its value before the step's update).
    public let loss: Double
    /// Wall-clock seconds of the steps taken so far (evaluations excluded).
    public let seconds: Double
}

/// What a solve produced.
public struct SolverResult: Sendable {
    /// Every evaluation, in iteration order.
    public let evaluations: [SolverEvaluation]
    /// The evaluation of highest PSNR, and the reconstruction at that iteration (the best iterate).
    public let best: SolverEvaluation
    public let bestImage: Image
    /// The reconstruction after the last step.
    public let finalImage: Image
    /// The wall time of every step, in order.
    public let stepSeconds: [Double]
    /// Steps taken before the discrepancy first fell to ``SolverOptions/discrepancyTarget`` (that iterate is among
    /// the evaluations when there is a ground truth); `nil` when it never did or the problem has no noise model.
    public let discrepancyStop: Int?
    /// Whether the run ended there (``SolverOptions/stopsAtDiscrepancy``): ``finalImage`` is then that iterate.
    public let stoppedEarly: Bool

    /// The median step time after the first `warmup` steps (all of them when there are fewer).
    public func medianStepSeconds(warmup: Int = 3) -> Double {
        stepSeconds.steadyMedian(warmup: warmup)
    }
}

/// What the solver reports after each step.
public struct SolverProgress: Sendable {
    public let iteration: Int
    /// The objective before this step's update.
    public let loss: Double
    /// Wall time of the step.
    public let stepSeconds: Double
    /// The evaluation made after this step, when one was due.
    public let evaluation: SolverEvaluation?
}
