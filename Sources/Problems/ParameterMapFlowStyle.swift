import Operators

extension Dictionary where Key == String, Value == ParameterValue {
    /// The specification in YAML flow style, `name` first and the other keys sorted: `{name: blur, kernel: gaussian, sigma: 2}`.
    public var flowStyle: String {
        let keys = (self["name"] == nil ? [] : ["name"]) + self.keys.filter { $0 != "name" }.sorted()
        return "{" + keys.map { "\($0): \(self[$0].map(\.description) ?? "")" }.joined(separator: ", ") + "}"
    }
}
