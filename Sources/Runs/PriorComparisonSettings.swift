/// The resolved settings of `compare-priors` as config.yaml records them: the split's images, each prior file and
/// its SHA-256, the fit, the network, the suite and the machine. Properties in the file's (alphabetical) key order.
public struct PriorComparisonSettings: Codable, Equatable {
    /// `compare-priors`.
    public var command: String
    public var dataset: String
    public var evaluateEvery: Int
    public var freezeEncoder: Bool
    public var images: [String]
    public var iterations: Int
    public var learningRate: FloatSetting
    public var network: [String: String]
    public var platform: [String: String]
    /// SHA-256 of each prior file (`none` for `random`), in the order of ``priors``; in the run's identity, a prior
    /// the run trains itself is ``trainedByTheRun`` (config.yaml records its file's digest).
    public var priorSha256: [String]
    /// Each prior as given: `random`, a prior file, or the recipe of a prior the run trains.
    public var priors: [String]
    /// The learning-rate schedule (absent: constant).
    public var schedule: String?
    public var seed: UInt64
    public var size: Int
    public var split: String
    public var suiteVersion: String
    /// How a STRAINER prior's encoder seeds each fit, when neither the whole encoder nor the frozen one.
    public var transfer: String?

    /// ``priorSha256`` of a prior the run trains, in the run's identity.
    public static let trainedByTheRun = "trained by the run"

    /// These settings as config.yaml records them once the run's priors are trained: each prior file's digest.
    func recorded(priorDigests: [String?]) -> PriorComparisonSettings {
        var recorded = self
        recorded.priorSha256 = zip(priorSha256, priorDigests).map { identity, digest in digest ?? identity }
        return recorded
    }

    enum CodingKeys: String, CodingKey {
        case command, dataset, evaluateEvery = "evaluate_every", freezeEncoder = "freeze_encoder", images, iterations
        case learningRate = "learning_rate", network, platform, priorSha256 = "prior_sha256", priors, schedule, seed, size, split
        case suiteVersion = "suite_version", transfer
    }
}
