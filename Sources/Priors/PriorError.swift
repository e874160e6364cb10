/// A prior that cannot be trained, saved, loaded or applied as asked; the message names the file or field,
/// what was wrong, and what was expected.
public struct PriorError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file, field or parameter concerned.
    public let subject: String
    /// What was wrong and what was expected.
    public let problem: String

    public init(_ subject: String, _ problem: String) {
        self.subject = subject
        self.problem = problem
    }

    public var description: String { "\(subject): \(problem)" }
}
