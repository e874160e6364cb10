import Foundation
import Operators
import Yams

/// The one way the suite reads YAML it did not write (problem files, dataset manifests, a run's `config.yaml`, and
/// operator, noise and schedule specifications on the command line): bounded in size and nesting, with anchors
/// and aliases refused.
///
/// An alias repeats the node its anchor names, so a kilobyte of nested aliases ("billion laughs") expands to
/// gigabytes when decoded. No file of the suite needs them, so they are refused (``YAMLEventScan``) before Yams
/// builds anything; so is nesting deep enough to exhaust the stack of Yams's recursive composer. Every refusal,
/// and every YAML syntax error, is a ``YAMLRefusal`` giving the line and column.
public enum SafeYAML {
    /// Longest text read, in bytes (1 MiB; the bundled problem files are under 2 KB).
    public static let maximumBytes = 1 << 20
    /// Deepest nesting of mappings and lists in a document.
    public static let maximumDepth = 64
    /// The refusal of a document nested deeper than ``maximumDepth``.
    static let depthProblem = "nested more than \(maximumDepth) levels deep; expected at most \(maximumDepth)"

    /// Decodes `T` from `text` after the checks above, `userInfo` given to `T`'s decoder; a `DecodingError` from `T`
    /// passes through unchanged.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, userInfo: [CodingUserInfoKey: Any] = [:]) throws -> T {
        try YAMLDecoder().decode(type, from: compose(text), userInfo: userInfo)
    }

    /// The document `text` holds (an empty document is a null scalar), checked as described above.
    static func compose(_ text: String) throws -> Node {
        guard text.utf8.count <= maximumBytes else {
            throw YAMLRefusal(line: nil, column: nil,
                              problem: "is \(text.utf8.count) bytes; expected at most \(maximumBytes) bytes of YAML")
        }
        try YAMLEventScan.check(text)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLRefusal(error)
        }
        return root ?? Node("", Tag(.null))
    }
}

/// YAML text the suite refuses to read, or cannot parse: where (1-based line and column, when known) and why.
public struct YAMLRefusal: Error, CustomStringConvertible, Equatable, Sendable {
    public let line: Int?
    public let column: Int?
    public let problem: String

    public init(line: Int?, column: Int?, problem: String) {
        self.line = line
        self.column = column
        self.problem = problem
    }

    /// A Yams syntax error with its position, without the source snippet Yams appends.
    init(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            guard !problem.hasPrefix("Maximum nesting level reached") else {  // libyaml's own bound, met while scanning ahead
                self.init(line: mark.line, column: mark.column, problem: SafeYAML.depthProblem)
                return
            }
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            self.init(line: mark.line, column: mark.column, problem: "not valid YAML: \(text)")
        case let .duplicatedKeysInMapping(duplicates, context):
            self.init(line: context.mark.line, column: context.mark.column,
                      problem: "duplicate key \(duplicates.map { "'\(Excerpt.of($0))'" }.joined(separator: ", "))")
        case let .reader(problem, offset, _, _):
            self.init(line: nil, column: nil, problem: "not valid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            self.init(line: nil, column: nil, problem: "not valid YAML")
        }
    }

    public var description: String {
        guard let line else { return problem }
        return "line \(line)\(column.map { ", column \($0)" } ?? ""): \(problem)"
    }
}
