import INR

/// The starting point of a fit: the network's initial parameters and which of them train.
public struct Initialization: Sendable {
    /// The initial network.
    public var network: Network
    /// The leading `frozenParameterCount` entries of θ stay fixed during the fit (a frozen encoder); 0 = all train.
    public var frozenParameterCount: Int

    public init(network: Network, frozenParameterCount: Int = 0) {
        self.network = network
        self.frozenParameterCount = frozenParameterCount
    }
}

/// Whatever seeds a network before it meets a new signal: a random initialisation, a STRAINER encoder, a
/// meta-learned initialisation, a network fitted to another image of the domain.
///
/// A prior is asked for an initialization of a given architecture; a prior learned for another architecture
/// refuses with an error saying what does not match.
public protocol Prior: Sendable {
    /// The prior's name in tables and on the command line (`random`, `strainer`, `strainer-1`, `fitted`, `meta`).
    var name: String { get }

    /// The initialization of a network of `architecture`; `seed` drives every random draw (same seed, same bits).
    func initialization(for architecture: Architecture, seed: UInt64) throws -> Initialization
}

/// The family's own initialisation (Sitzmann et al. for SIREN): the baseline every learned prior must beat.
public struct RandomPrior: Prior {
    public let name = "random"

    public init() {}

    public func initialization(for architecture: Architecture, seed: UInt64) throws -> Initialization {
        Initialization(network: try Network(architecture: architecture, seed: seed))
    }
}
