import Priors

/// A prior to fit from, with the name its curves carry, a line for the report, and the seed of its random draws
/// (image `k` uses `SeedSequence.derive(seed, stream: k)`).
public struct ComparedPrior {
    public var name: String
    public var prior: Prior
    public var description: String
    public var seed: UInt64
    /// SHA-256 of the prior file it was read from (recorded in the run's configuration); `nil` for `random`.
    public var fileDigest: String?

    public init(name: String, prior: Prior, description: String, seed: UInt64, fileDigest: String? = nil) {
        self.name = name
        self.prior = prior
        self.description = description
        self.seed = seed
        self.fileDigest = fileDigest
    }
}
