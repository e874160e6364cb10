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
    /// ``finalImage`` is then that iterate) or past the least held-out loss or risk (``SolverOptions/stopsPastMinimum``).
    public let stoppedEarly: Bool
    /// The data term at every iterate whose gradient the run formed, and at the last one.
    public let trace: [SolverTraceEntry]
    /// With held-out samples (``SolverOptions/heldOut``): the iterate of least held-out loss (its trace entry).
    public let leastHeldOutLoss: SolverTraceEntry?
    /// With held-out samples: the validation choice, which needs no ground truth — the **latest** iterate whose
    /// held-out loss exceeds the least so far by at most one standard error of that excess
    /// (``SolverTraceEntry/heldOutExcessError``), and its reconstruction (clipped to [0, 1]). Past its minimum a held-out curve is flat within its noise
    /// for a while, and its exact minimum comes early: held-out positions are predicted from their neighbours, which
    /// suffer from the noise they are fitted to before the image as a whole does (the suite's round trips kept
    /// iterates 10–90 % short of the oracle's with the plain minimum).
    public let validationChoice: (entry: SolverTraceEntry, image: Image)?
    /// With a risk probe (``SolverOptions/riskProbe``): the iterate whose estimated risk (``SteinRiskProbe``), as the
    /// median of five consecutive estimates, is least (``LeastRiskChoice``).
    public let leastRisk: LeastRiskChoice?

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
    /// The standard error of its excess over the least held-out loss so far, paired sample by sample
    /// (``pairedStandardError(_:_:)``); 0 at a new least, nil without held-out samples.
    public var heldOutExcessError: Double? = nil
    /// Stein's unbiased estimate of the image's mean squared error (``SteinRiskProbe``); nil without a risk probe.
    public var risk: Double? = nil
    /// The fit's degrees of freedom, `div_y(WAx̂)`, by the same probe; nil without one.
    public var degreesOfFreedom: Double? = nil
}

/// The standard error of the mean of the paired differences `dᵢ = aᵢ − bᵢ`: `s_d/√n`, with `s_d²` their variance
/// (`n − 1` in the denominator) — how far `mean(a) − mean(b)` moves with the choice of the n samples alone. Paired,
/// it leaves out what both share (the noise of each held-out measurement), which dominates either mean's own error.
/// Two passes over the pairs, no allocation (it runs at every step of a validated fit).
public func pairedStandardError(_ a: [Double], _ b: [Double]) -> Double {
    let n = min(a.count, b.count)
    guard n > 1 else { return 0 }
    var sum = 0.0
    for i in 0..<n { sum += a[i] - b[i] }
    let mean = sum / Double(n)
    var squares = 0.0
    for i in 0..<n {
        let deviation = a[i] - b[i] - mean
        squares += deviation * deviation
    }
    return (squares / Double(n - 1) / Double(n)).squareRoot()
}
