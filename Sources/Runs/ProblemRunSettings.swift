import Operators

/// The resolved settings of a problem's run (`compare`, `solve`) as config.yaml records them — enough to repeat it:
/// the problem as changed by the command line, each image and its digest, the network, the solver, each prior and
/// baseline, the suite and the machine. Properties in the file's (alphabetical) key order.
public struct ProblemRunSettings: Codable, Equatable {
    /// One image: its name, the SHA-256 of its file (`synthetic` for a generated one) and its noise's seed.
    public struct Image: Codable, Equatable {
        public var name: String
        public var noiseSeed: UInt64
        public var sha256: String

        enum CodingKeys: String, CodingKey {
            case name, noiseSeed = "noise_seed", sha256
        }
    }

    /// An operator or noise specification, or `none`.
    public enum Specification: Codable, Equatable {
        case none
        case parameters([String: ParameterValue])

        /// `parameters`, or `none` when there are none.
        init(_ parameters: [String: ParameterValue]?) {
            self = parameters.map { .parameters($0) } ?? .none
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self), text == "none" {
                self = .none
            } else {
                self = .parameters(try container.decode([String: ParameterValue].self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .none: try container.encode("none")
            case let .parameters(parameters): try container.encode(parameters)
            }
        }
    }

    /// The solver: Adam's steps and learning rate (and schedule), the evaluations, TV, the stopping rule.
    public struct Solver: Codable, Equatable {
        public var discrepancyTarget: Double
        public var evaluateEvery: Int
        public var iterations: Int
        public var learningRate: FloatSetting
        /// The learning-rate schedule (absent: constant).
        public var schedule: String?
        /// `discrepancy` or `none`.
        public var stop: String
        public var tvWeight: Double

        enum CodingKeys: String, CodingKey {
            case discrepancyTarget = "discrepancy_target", evaluateEvery = "evaluate_every", iterations, learningRate = "learning_rate"
            case schedule, stop, tvWeight = "tv_weight"
        }
    }

    /// A prior: its label, seed, description and the SHA-256 of its file (`none` for `random`). In the journal's
    /// identity a prior the run trains has no digest and its ``ComparedPrior/identity`` as description.
    public struct Prior: Codable, Equatable {
        public var name: String
        public var seed: UInt64
        public var sha256: String?
        public var what: String
    }

    /// A baseline: its name and settings.
    public struct Baseline: Codable, Equatable {
        public var name: String
        public var what: String
    }

    public var baselines: [Baseline]
    public var channels: Int
    /// The command line (absent from the journal's identity).
    public var command: String?
    public var images: [Image]
    /// The network's architecture as its metadata gives it.
    public var network: [String: String]
    public var noise: Specification
    public var `operator`: Specification
    /// The machine (``RunPlatform/recorded``).
    public var platform: [String: String]
    public var preparation: String
    public var priors: [Prior]
    public var problem: String
    public var problemFile: String
    public var seed: UInt64
    public var size: Int
    public var solver: Solver
    public var suiteVersion: String
    public var title: String

    enum CodingKeys: String, CodingKey {
        case baselines, channels, command, images, network, noise, `operator`, platform, preparation, priors, problem
        case problemFile = "problem_file", seed, size, solver, suiteVersion = "suite_version", title
    }
}
