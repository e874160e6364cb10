import Foundation

/// A problem file the suite cannot use, reported in one line naming the file and the key:
/// `Problems/sr4-faces.yaml: solver.iterations: must be ≥ 1, got 0`.
public struct ProblemError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The problem file, as shown to the user (relative to the working directory when inside it).
    public let file: String
    /// The dotted key path inside the file (`solver.iterations`, `priors[1].dataset`), or nil for the file as a whole.
    public let key: String?
    /// What is wrong and what was expected.
    public let problem: String

    public init(file: String, key: String?, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    /// An error about `key` of the problem file at `url`.
    public init(_ url: URL, key: String?, _ problem: String) {
        self.init(file: Self.displayPath(of: url), key: key, problem: problem)
    }

    public var description: String { "\(file): " + (key.map { "\($0): " } ?? "") + problem }

    /// `url`'s path relative to the working directory when it lies inside it, else its absolute path.
    static func displayPath(of url: URL,
                            workingDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        let path = url.standardizedFileURL.path
        let base = URL(fileURLWithPath: workingDirectory).standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}
