/// Everything that can go wrong when an operator, a noise model or a parameter mapping is built or applied to
/// user data. Each case prints as one line naming the offending item, what was wrong and what was expected.
public enum OperatorError: Error, Equatable, CustomStringConvertible {
    /// A name that the registry does not know; `valid` lists the names it does know.
    case unknownName(kind: String, name: String, valid: [String])
    /// A parameter that the named operator or noise model does not take.
    case unknownParameter(owner: String, parameter: String, valid: [String])
    /// A required parameter that is missing.
    case missingParameter(owner: String, parameter: String)
    /// A parameter whose value is out of range or of the wrong type.
    case invalidParameter(owner: String, parameter: String, message: String)
    /// A buffer whose size does not match the operator's shape.
    case shapeMismatch(what: String, expected: ImageShape, got: String)
    /// A file (kernel, mask) that could not be read or parsed.
    case unreadableFile(path: String, message: String)

    public var description: String {
        switch self {
        case let .unknownName(kind, name, valid):
            return "unknown \(kind) '\(name)'; valid names: \(valid.joined(separator: ", "))"
        case let .unknownParameter(owner, parameter, valid):
            let list = valid.isEmpty ? "none" : valid.joined(separator: ", ")
            return "\(owner): unknown parameter '\(parameter)'; valid parameters: \(list)"
        case let .missingParameter(owner, parameter):
            return "\(owner): missing required parameter '\(parameter)'"
        case let .invalidParameter(owner, parameter, message):
            return "\(owner): parameter '\(parameter)' \(message)"
        case let .shapeMismatch(what, expected, got):
            return "\(what): expected shape \(expected) (\(expected.count) samples), got \(got)"
        case let .unreadableFile(path, message):
            return "\(path): \(message)"
        }
    }
}
