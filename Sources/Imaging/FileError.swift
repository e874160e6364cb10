/// A file or folder the suite cannot use as asked — a dataset manifest, a run folder, a listed image —
/// reported in one line, compiler style: `<path>: <what is wrong, and what was expected>`.
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path the problem concerns.
    public let file: String
    /// What is wrong and, where it helps, what was expected.
    public let problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
