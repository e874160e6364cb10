import Priors

/// A prior to fit from, with the name its curves carry, a line for the report, and the seed of its random draws
/// (image `k` uses `SeedSequence.derive(seed, stream: k)`).
public struct ComparedPrior {
    public var name: String
    public var prior: Prior
    public var description: String
    public var seed: UInt64
    /// SHA-256 of the prior file it was read from (recorded in the run's configuration); `nil` for `random`, and for
    /// a prior the run trains while it is not trained yet.
    public var fileDigest: String?
    /// When the run trains this prior itself (a learned recipe of its problem): where and what; its plan then has a
    /// task that trains it.
    public var training: PriorTrainingTask?
    /// What the run's numbers depend on of this prior, in its journal's identity: its description; for a prior the
    /// run trains, its file's name and how it seeds a fit (the same before and after its training, whose time the
    /// description gives).
    public var identity: String

    public init(name: String, prior: Prior, description: String, seed: UInt64, fileDigest: String? = nil,
                training: PriorTrainingTask? = nil, identity: String? = nil) {
        self.name = name
        self.prior = prior
        self.description = description
        self.seed = seed
        self.fileDigest = fileDigest
        self.training = training
        self.identity = identity ?? description
    }

    /// Whether the run trains this prior and it is not trained yet (its fits wait for its training task).
    public var awaitsTraining: Bool { prior is UntrainedPrior }
}
