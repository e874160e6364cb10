import Operators

extension Dictionary where Key == String, Value == ParameterValue {
    /// Reads an operator, noise or baseline specification written as on the command line
    /// (`'{name: blur, kernel: gaussian, sigma: 2}'`): a YAML mapping of scalars and lists, read by ``SafeYAML`` (no
    /// aliases, bounded size and depth). Errors are one line naming `option` (e.g. `--operator`) and what was expected.
    public static func parse(_ text: String, option: String) throws -> ParameterMap {
        do {
            return try SafeYAML.decode(ParameterMap.self, from: text)
        } catch let refusal as YAMLRefusal {
            throw ProblemError(file: option, key: nil, problem: "\(refusal)")
        } catch {
            throw ProblemError(file: option, key: nil,
                               problem: "must be a YAML mapping such as '{name: blur, kernel: gaussian, sigma: 2}', got '\(Excerpt.of(text))'")
        }
    }
}
