import INR

/// Settings of an INR reconstruction (``INRSolver``): an image fit's (the steps, Adam and its schedule, the evaluation
/// period, chunks, threads, frozen parameters) and what a solve adds to them (TV, stopping rules, the risk probe).
public struct SolverOptions: Sendable {
    /// The Adam run, as for an image fit (``INR/FitOptions``): PyTorch's Adam defaults with learning rate 1e-4 unless
    /// changed; PSNR/SSIM measured against the ground truth every `evaluateEvery` steps (and at 0 and the last step).
    public var fit: FitOptions
    /// λ of the objective's total-variation term `λ · TV_ε(x) / n` (0 = none).
    public var totalVariationWeight: Double
    /// Whether evaluations also compute SSIM (it costs more than PSNR; neither is timed).
    public var measuresStructuralSimilarity: Bool
    /// τ of the discrepancy principle: with a noise model, the first iterate whose discrepancy `d(Ax; y) ≤ τ`
    /// (``NoiseModel/discrepancy(prediction:measurement:)``, 1 at the noise level) is recorded and evaluated.
    public var discrepancyTarget: Double
    /// Stop at that iterate (and return it as the final reconstruction) instead of running every iteration: a
    /// stopping rule that needs no ground truth.
    public var stopsAtDiscrepancy: Bool
    /// Measurement samples kept out of the fit to validate it (``HeldOutSamples``); `nil` fits every sample. The
    /// validation choice — the latest iterate within one standard error of the least held-out loss — is then kept
    /// beside the best one (``SolverResult/validationChoice``).
    public var heldOut: HeldOutSamples?
    /// A twin fit of a perturbed measurement, stepped in lockstep, to estimate the fit's risk at every step with no
    /// ground truth (``SteinRiskProbe``; needs Gaussian noise). The iterate of least estimated risk is then kept
    /// beside the best one (``SolverResult/leastRisk``).
    public var riskProbe: SteinRiskProbe?
    /// With held-out samples or a risk probe: end the run once the watched estimate (the held-out loss, else the
    /// risk) has not fallen for max(100, k) steps, k the step of its least value so far (``patience(best:)``),
    /// instead of running every iteration.
    public var stopsPastMinimum: Bool

    /// The steps without a new least held-out loss or risk after which a run that ``stopsPastMinimum`` ends:
    /// max(100, k) for a least value at step k: the run at least doubles the steps that reached the least value,
    /// so a minimum that noise in a small held-out set made early (×4 super-resolution of a 24 × 36 image: step 41,
    /// where the reference's best was at 425) is not final.
    public static func patience(best: Int) -> Int { max(100, best) }

    public init(
        iterations: Int, adam: Adam.Configuration = .init(), schedule: LearningRateSchedule = .constant,
        evaluateEvery: Int = 25, totalVariationWeight: Double = 0, measuresStructuralSimilarity: Bool = true,
        chunkRows: Int? = nil, threads: Int = ComputeThreads.available, frozenParameterCount: Int = 0,
        discrepancyTarget: Double = 1, stopsAtDiscrepancy: Bool = false, heldOut: HeldOutSamples? = nil,
        riskProbe: SteinRiskProbe? = nil, stopsPastMinimum: Bool = false
    ) {
        fit = FitOptions(iterations: iterations, adam: adam, schedule: schedule, evaluateEvery: evaluateEvery, chunkRows: chunkRows,
                         threads: threads, frozenParameterCount: frozenParameterCount)
        self.totalVariationWeight = totalVariationWeight
        self.measuresStructuralSimilarity = measuresStructuralSimilarity
        self.discrepancyTarget = discrepancyTarget
        self.stopsAtDiscrepancy = stopsAtDiscrepancy
        self.heldOut = heldOut
        self.riskProbe = riskProbe
        self.stopsPastMinimum = stopsPastMinimum
    }

    func validate(parameterCount: Int) throws {
        try fit.validate(parameterCount: parameterCount)
        guard fit.evaluateEvery >= 1 else {
            throw SolverError.invalidOption(name: "evaluate every", problem: "is \(fit.evaluateEvery); expected ≥ 1")
        }
        guard totalVariationWeight.isFinite, totalVariationWeight >= 0 else {
            throw SolverError.invalidOption(name: "tv weight", problem: "is \(totalVariationWeight); expected a finite value ≥ 0")
        }
        guard discrepancyTarget.isFinite, discrepancyTarget > 0 else {
            throw SolverError.invalidOption(name: "discrepancy target", problem: "is \(discrepancyTarget); expected a finite value > 0")
        }
    }
}
