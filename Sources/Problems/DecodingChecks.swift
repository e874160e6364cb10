import INR
import Operators

/// Range-checked reads of a problem file's values: each failure is a `DecodingError` at the key's path, so the
/// reader can name the file and the key (`solver.lr: must be > 0, got 0`).
extension KeyedDecodingContainer {
    /// An error about the value at `key`.
    func invalid(_ key: Key, _ message: String) -> DecodingError {
        .dataCorruptedError(forKey: key, in: self, debugDescription: message)
    }

    /// The integer at `key` (`fallback` when absent, an error when absent without fallback), at least `minimum`.
    func integer(_ key: Key, default fallback: Int? = nil, atLeast minimum: Int) throws -> Int {
        let value: Int
        if let fallback { value = try decodeIfPresent(Int.self, forKey: key) ?? fallback } else { value = try decode(Int.self, forKey: key) }
        guard value >= minimum else { throw invalid(key, "must be ≥ \(minimum), got \(value)") }
        return value
    }

    /// The integer at `key` as ``integer(_:default:atLeast:)`` reads it, also at most `limit`.
    func integer(_ key: Key, default fallback: Int? = nil, atLeast minimum: Int, limit: SizeLimit) throws -> Int {
        let value = try integer(key, default: fallback, atLeast: minimum)
        if let problem = limit.problem(with: value) { throw invalid(key, problem) }
        return value
    }

    /// A nonnegative integer seed at `key`, 0 when absent.
    func seed(_ key: Key) throws -> UInt64 {
        UInt64(try integer(key, default: 0, atLeast: 0))
    }

    /// The finite number at `key` (`fallback` when absent), strictly above `lowerBound` or, with
    /// `inclusive`, at least `lowerBound`.
    func number(_ key: Key, default fallback: Double, above lowerBound: Double, inclusive: Bool = false) throws -> Double {
        let value = try decodeIfPresent(Double.self, forKey: key) ?? fallback
        guard value.isFinite, inclusive ? value >= lowerBound : value > lowerBound else {
            throw invalid(key, "must be \(inclusive ? "≥" : ">") \(ParameterValue.number(lowerBound)), got \(value)")
        }
        return value
    }

    /// The string at `key` that is one of `E`'s raw values (`fallback` when absent).
    func choice<E: RawRepresentable & CaseIterable>(_ key: Key, default fallback: E? = nil) throws -> E where E.RawValue == String {
        let raw: String
        if let fallback {
            guard let present = try decodeIfPresent(String.self, forKey: key) else { return fallback }
            raw = present
        } else {
            raw = try decode(String.self, forKey: key)
        }
        guard let value = E(rawValue: raw) else {
            throw invalid(key, "is '\(Excerpt.of(raw))'; expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// The operator, noise or baseline mapping at `key`: parameter name → value, with a string `name`.
    func parameterMap(_ key: Key) throws -> ParameterMap {
        guard (try? decodeNil(forKey: key)) != true else { throw invalid(key, "expected a mapping with a 'name', found none") }
        let map: ParameterMap
        do {
            map = try decode(ParameterMap.self, forKey: key)
        } catch DecodingError.typeMismatch {
            throw invalid(key, "expected a mapping of parameters with a 'name', such as {name: blur, kernel: gaussian, sigma: 2}")
        }
        try map.requireName(at: codingPath + [key])
        return map
    }
}

extension Dictionary where Key == String, Value == ParameterValue {
    /// Throws a `DecodingError` at `path` unless this specification has a string `name`.
    func requireName(at path: [any CodingKey]) throws {
        switch self["name"] {
        case .string?: return
        case nil: throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "missing key 'name'"))
        case let other?:
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "'name' must be a string, got '\(other.excerpt)'"))
        }
    }
}
