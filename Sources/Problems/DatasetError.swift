/// A dataset that cannot be used as asked: names the file (manifest, image or folder) and what is wrong.
public struct DatasetError: Error, CustomStringConvertible, Equatable {
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
