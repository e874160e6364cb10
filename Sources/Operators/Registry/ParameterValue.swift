/// A parameter value in an operator or noise specification — the scalar, string and list values of a
/// problem file's mapping such as `{name: blur, kernel: gaussian, sigma: 2}`. Decodes from YAML/JSON scalars
/// (numbers first, then strings) and sequences.
public enum ParameterValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case list([ParameterValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else {
            self = .list(try container.decode([ParameterValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .number(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .list(values): try container.encode(values)
        }
    }

    public var description: String {
        switch self {
        case let .number(value): return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case let .string(value): return value
        case let .list(values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// A specification: parameter name → value, including the `name` of the operator or noise model.
public typealias ParameterMap = [String: ParameterValue]

/// One documented parameter of a registry entry.
public struct ParameterSpec: Sendable {
    public let name: String
    /// Type and default, e.g. `number, default 2` or `one of circular|zero`.
    public let kind: String
    public let summary: String

    public init(_ name: String, _ kind: String, _ summary: String) {
        self.name = name
        self.kind = kind
        self.summary = summary
    }
}

/// Typed, validated access to the parameters of one specification. Names the entry does not declare are rejected
/// when the reader is made; ``finish()`` rejects declared parameters that were supplied but not used by the chosen
/// variant (e.g. `sigma` with `kernel: box`).
public final class ParameterReader {
    public let owner: String
    private let values: ParameterMap
    private var used: Set<String> = ["name"]

    /// Throws ``OperatorError/unknownParameter(owner:parameter:valid:)`` for a name not in `specs`.
    public init(owner: String, values: ParameterMap, specs: [ParameterSpec]) throws {
        let valid = specs.map(\.name)
        for key in values.keys.sorted() where key != "name" && !valid.contains(key) {
            throw OperatorError.unknownParameter(owner: owner, parameter: key, valid: valid)
        }
        self.owner = owner
        self.values = values
    }

    /// True when `name` was supplied.
    public func has(_ name: String) -> Bool { values[name] != nil }

    /// A number; `defaultValue` when absent, an error when absent without default or not a number.
    public func number(_ name: String, default defaultValue: Double? = nil) throws -> Double {
        used.insert(name)
        switch values[name] {
        case let .number(value)?:
            guard value.isFinite else { throw invalid(name, "must be finite, got \(value)") }
            return value
        case let other?: throw invalid(name, "must be a number, got '\(other.excerpt)'")
        case nil:
            guard let defaultValue else { throw OperatorError.missingParameter(owner: owner, parameter: name) }
            return defaultValue
        }
    }

    /// An integer (a number without fractional part).
    public func integer(_ name: String, default defaultValue: Int? = nil) throws -> Int {
        let value = try number(name, default: defaultValue.map(Double.init))
        guard value == value.rounded(), abs(value) < 1e9 else { throw invalid(name, "must be an integer, got \(value)") }
        return Int(value)
    }

    /// A string.
    public func string(_ name: String, default defaultValue: String? = nil) throws -> String {
        used.insert(name)
        switch values[name] {
        case let .string(value)?: return value
        case let other?: throw invalid(name, "must be a string, got '\(other.excerpt)'")
        case nil:
            guard let defaultValue else { throw OperatorError.missingParameter(owner: owner, parameter: name) }
            return defaultValue
        }
    }

    /// One of the raw values of `E`.
    public func choice<E: RawRepresentable & CaseIterable>(_ name: String, default defaultValue: E? = nil) throws -> E
    where E.RawValue == String {
        let raw = try string(name, default: defaultValue?.rawValue)
        guard let value = E(rawValue: raw) else {
            throw invalid(name, "must be one of \(E.allCases.map(\.rawValue).joined(separator: "|")), got '\(Excerpt.of(raw))'")
        }
        return value
    }

    /// Throws for any supplied parameter that was not read.
    public func finish() throws {
        if let unused = values.keys.sorted().first(where: { !used.contains($0) }) {
            throw invalid(unused, "does not apply to this configuration (parameters used: \(used.subtracting(["name"]).sorted().joined(separator: ", ")))")
        }
    }

    /// An ``OperatorError/invalidParameter(owner:parameter:message:)`` for `name`.
    public func invalid(_ name: String, _ message: String) -> OperatorError {
        .invalidParameter(owner: owner, parameter: name, message: message)
    }
}
