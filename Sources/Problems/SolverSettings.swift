/// How a problem's INR fits run (`solver:`): Adam on `loss(A f_θ(grid), y) + tv_weight·TV(f_θ)` for `iterations`
/// steps at learning rate `lr`, measuring the reconstruction against the ground truth every `evaluate_every` steps.
/// With a noise model, the first iterate whose discrepancy `(1/m) Σ (y − A x)²/Var[y]` falls to
/// `discrepancy_target` (τ, 1 = the noise level) is reported; `stop: discrepancy` ends each fit there.
public struct SolverSettings: Decodable, Equatable, Sendable {
    /// When a fit ends.
    public enum Stop: String, CaseIterable, Codable, Sendable {
        /// After `iterations` steps.
        case none
        /// At the first iterate whose discrepancy is at most `discrepancy_target` (Morozov's discrepancy
        /// principle: no ground truth needed), or after `iterations` steps if none is.
        case discrepancy
    }

    /// Adam steps per fit.
    public var iterations = 2000
    /// Adam's learning rate.
    public var learningRate = 1e-4
    /// Measure PSNR/SSIM every this many steps (and at the last).
    public var evaluateEvery = 25
    /// Weight of the total-variation regulariser on the network's image (0 = none).
    public var tvWeight = 0.0
    /// When each fit ends.
    public var stop = Stop.none
    /// τ of the discrepancy principle.
    public var discrepancyTarget = 1.0
    /// How Adam's learning rate changes over the fit.
    public var schedule = ScheduleSetting.constant

    /// 2000 steps at a constant 1e-4, measured every 25, no TV, no early stop.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case iterations, learningRate = "lr", evaluateEvery = "evaluate_every", tvWeight = "tv_weight", stop
        case discrepancyTarget = "discrepancy_target"
        case schedule
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let values = try decoder.container(keyedBy: CodingKeys.self)
        iterations = try values.integer(.iterations, default: iterations, atLeast: 1)
        learningRate = try values.number(.learningRate, default: learningRate, above: 0)
        evaluateEvery = try values.integer(.evaluateEvery, default: evaluateEvery, atLeast: 1)
        tvWeight = try values.number(.tvWeight, default: tvWeight, above: 0, inclusive: true)
        stop = try values.choice(.stop, default: stop)
        discrepancyTarget = try values.number(.discrepancyTarget, default: discrepancyTarget, above: 0)
        schedule = try values.decodeIfPresent(ScheduleSetting.self, forKey: .schedule) ?? schedule
    }
}
