/// A coding key that accepts any string (or list index), used to see every key a YAML mapping actually holds
/// and to point an error at an element of a list.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }
    init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws when the mapping being decoded holds a key outside `allowed`.
    ///
    /// Problem files and manifests treat an unknown key as an error rather than ignoring it: a misspelt
    /// `iteratons:` must not silently fall back to a default.
    func rejectUnknownKeys<Key: CodingKey & CaseIterable>(_ allowed: Key.Type) throws {
        let present = try container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
        let valid = Set(Key.allCases.map(\.stringValue))
        if let unknown = present.first(where: { !valid.contains($0) }) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath + [AnyCodingKey(stringValue: unknown)],
                debugDescription: "unknown key '\(unknown)'; valid keys: \(valid.sorted().joined(separator: ", "))"))
        }
    }
}

extension DecodingError {
    /// The key path the error concerns, dotted with list indices in brackets (`solver.iterations`,
    /// `priors[1].kind`); nil for the document as a whole.
    var keyPath: String? {
        let path: [any CodingKey]
        switch self {
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
             .dataCorrupted(let context):
            path = context.codingPath
        @unknown default:
            return nil
        }
        return Self.render(path)
    }

    /// What was wrong, without Swift's type names.
    var problem: String {
        switch self {
        case .keyNotFound(let key, _):
            return "missing key '\(key.stringValue)'"
        case .typeMismatch(let type, _):
            return "expected \(Self.describe(type))"
        case .valueNotFound(let type, _):
            return "expected \(Self.describe(type)), found none"
        case .dataCorrupted(let context):
            return context.debugDescription
        @unknown default:
            return "\(self)"
        }
    }

    /// A one-line description: the key path and what was wrong.
    var readableDescription: String { (keyPath.map { "\($0): " } ?? "") + problem }

    /// `a.b[2].c` for a coding path; nil when empty.
    static func render(_ path: [any CodingKey]) -> String? {
        guard !path.isEmpty else { return nil }
        return path.reduce(into: "") { text, key in
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
    }

    /// A type as a YAML author knows it: an integer, a number, a string, a list, a mapping.
    private static func describe(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Dictionary") || name.hasSuffix("Mapping") { return "a mapping" }
        if name.hasPrefix("Array") || name.hasSuffix("Sequence") { return "a list" }
        switch name {
        case "Int", "UInt64", "Int64", "UInt": return "an integer"
        case "Double", "Float": return "a number"
        case "String": return "a string"
        case "Bool": return "true or false"
        default: return "a value of type \(name)"
        }
    }
}
