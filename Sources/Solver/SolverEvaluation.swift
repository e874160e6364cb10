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
    /// Whether the run ended before its budget: at the discrepancy stop (``SolverOptions/stopsAtDiscrepancy``;
    /// ``finalImage`` is then that iterate) or past the held-out minimum (``SolverOptions/stopsPastHeldOutMinimum``).
    public let stoppedEarly: Bool
    /// The data term at every iterate whose gradient the run formed, and at the last one.
    public let trace: [SolverTraceEntry]
    /// With held-out samples (``SolverOptions/heldOut``): the iterate of least held-out loss and its reconstruction
    /// (clipped to [0, 1]) — the validation choice, which needs no ground truth.
    public let leastHeldOutLoss: (entry: SolverTraceEntry, image: Image)?

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

/// The data term at one iterate of a solve: what a reconstruction without a ground truth can watch.
public struct SolverTraceEntry: Sendable, Equatable {
    /// Steps taken (0 = the prior's initialisation).
    public let iteration: Int
    /// The objective J.
    public let loss: Double
    /// The discrepancy of the fitted samples (1 at the noise level); nil without a noise model.
    public let discrepancy: Double?
    /// The mean NLL of the held-out samples; nil without them.
    public let heldOutLoss: Double?
}
