import INR
import Operators

/// The learning-rate schedule of a fit, as a problem file (`solver.schedule`) or the command line (`--schedule`)
/// writes it: `constant`, `cosine` or `step`, alone or as a mapping with the schedule's parameters —
/// `{name: cosine, floor: 0.01}` (lr decays from lr₀ to floor·lr₀ over the fit along half a cosine; floor
/// defaults to 0) or `{name: step, every: 500, factor: 0.5}` (lr₀·factor^⌊(t − 1)/every⌋).
public enum ScheduleSetting: Equatable, Sendable, CustomStringConvertible {
    case constant
    case cosine(floor: Double)
    case step(every: Int, factor: Double)

    /// The schedule of a fit of `iterations` Adam steps (cosine annealing ends at the last of them).
    public func schedule(iterations: Int) -> LearningRateSchedule {
        switch self {
        case .constant: return .constant
        case let .cosine(floor): return .cosine(iterations: iterations, floor: Float(floor))
        case let .step(every, factor): return .step(every: every, factor: Float(factor))
        }
    }

    /// What a run's `config.yaml` and report record: nil for `constant`, whose absence from older run folders means
    /// the same (so they still merge with new ones), else ``description``.
    public var recorded: String? { self == .constant ? nil : description }

    /// `constant`, `cosine, floor 0.01`, `step, factor 0.5 every 500 steps` (ASCII: it goes into config.yaml).
    public var description: String {
        switch self {
        case .constant: return "constant"
        case let .cosine(floor): return "cosine, floor \(floor)"
        case let .step(every, factor): return "step, factor \(factor) every \(every) steps"
        }
    }
}

extension ScheduleSetting: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, floor, every, factor
    }

    enum Name: String, CaseIterable {
        case constant, cosine, step
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            guard let name = Name(rawValue: text) else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription:
                    "is '\(text)'; expected one of \(Name.allCases.map(\.rawValue).joined(separator: ", ")), or a mapping such as {name: cosine, floor: 0.01}")
            }
            switch name {
            case .constant: self = .constant
            case .cosine: self = .cosine(floor: 0)
            case .step:
                throw DecodingError.dataCorruptedError(in: single, debugDescription:
                    "'step' needs its parameters; expected a mapping such as {name: step, every: 500, factor: 0.5}")
            }
            return
        }
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let values = try decoder.container(keyedBy: CodingKeys.self)
        switch try values.choice(.name) as Name {
        case .constant:
            try Self.reject([.floor, .every, .factor], in: values, for: "constant")
            self = .constant
        case .cosine:
            try Self.reject([.every, .factor], in: values, for: "cosine")
            let floor = try values.number(.floor, default: 0, above: 0, inclusive: true)
            guard floor <= 1 else { throw values.invalid(.floor, "must be ≤ 1 (a fraction of lr), got \(floor)") }
            self = .cosine(floor: floor)
        case .step:
            try Self.reject([.floor], in: values, for: "step")
            guard values.contains(.every), values.contains(.factor) else {
                throw DecodingError.dataCorruptedError(forKey: values.contains(.every) ? .factor : .every, in: values,
                                                       debugDescription: "is missing; step takes both every and factor")
            }
            let factor = try values.number(.factor, default: 1, above: 0)
            guard factor <= 1 else { throw values.invalid(.factor, "must be ≤ 1 (a decay), got \(factor)") }
            self = .step(every: try values.integer(.every, atLeast: 1), factor: factor)
        }
    }

    private static func reject(_ keys: [CodingKeys], in values: KeyedDecodingContainer<CodingKeys>, for name: String) throws {
        if let key = keys.first(where: values.contains) { throw values.invalid(key, "does not apply to schedule \(name)") }
    }
}

extension ScheduleSetting: Encodable {
    /// The mapping the decoder reads back: `{name: cosine, floor: 0.01}`, `{name: step, every: 500, factor: 0.5}`.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .constant:
            try values.encode(Name.constant.rawValue, forKey: .name)
        case let .cosine(floor):
            try values.encode(Name.cosine.rawValue, forKey: .name)
            try values.encode(floor, forKey: .floor)
        case let .step(every, factor):
            try values.encode(Name.step.rawValue, forKey: .name)
            try values.encode(every, forKey: .every)
            try values.encode(factor, forKey: .factor)
        }
    }
}

extension ScheduleSetting {
    /// Reads a schedule written as on the command line (`cosine`, `'{name: step, every: 500, factor: 0.5}'`);
    /// errors name `option` and say what was expected.
    public static func parse(_ text: String, option: String) throws -> ScheduleSetting {
        do {
            return try SafeYAML.decode(ScheduleSetting.self, from: text)
        } catch let error as DecodingError {
            throw ProblemError(file: option, key: error.keyPath, problem: error.problem)
        } catch let error as YAMLRefusal {
            throw ProblemError(file: option, key: nil, problem: "is '\(Excerpt.of(text))' (\(error)); expected constant, cosine, or a mapping such as {name: step, every: 500, factor: 0.5}")
        }
    }
}
