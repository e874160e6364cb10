/// A coding key that accepts any string, used to see every key a YAML mapping actually holds.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
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
    /// A one-line description: the dotted key path and what was wrong, without Swift's type names.
    var readableDescription: String {
        func path(_ context: Context) -> String {
            let components = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return components.isEmpty ? "top level" : components.joined(separator: ".")
        }
        switch self {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing key '\(key.stringValue)'" + (context.codingPath.isEmpty ? "" : " in \(parent)")
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected a value of type \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected a value of type \(type), found none"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(self)"
        }
    }
}
