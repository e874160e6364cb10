import Foundation

/// A named upper bound on a size a user asks for (an image side, a network's width), checked where the value is
/// read — a problem file, a command-line option — so that a slip such as `size: 100000` is refused at once
/// instead of allocating gigabytes. Each limit can be raised with its environment variable (README, "Limits").
public struct SizeLimit: Sendable {
    /// The environment variable that replaces ``defaultValue``.
    public let variable: String
    /// The bound when the variable is unset.
    public let defaultValue: Int

    /// Side of a square image a fit or a problem works at, in pixels.
    public static let imageSide = SizeLimit(variable: "STRAINER_MAX_SIZE", defaultValue: 4096)
    /// Width of a network's hidden layers.
    public static let networkWidth = SizeLimit(variable: "STRAINER_MAX_WIDTH", defaultValue: 4096)
    /// Number of a network's dense layers.
    public static let networkLayers = SizeLimit(variable: "STRAINER_MAX_LAYERS", defaultValue: 256)
    /// Number of random Fourier features.
    public static let fourierFeatures = SizeLimit(variable: "STRAINER_MAX_FEATURES", defaultValue: 65536)

    /// The bound in effect: `$variable` when it holds a whole number ≥ 1, else ``defaultValue``.
    public func value(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment[variable].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 >= 1 ? $0 : nil } ?? defaultValue
    }

    /// Why `value` is refused (`must be at most 4096, got 100000 (raise the limit with STRAINER_MAX_SIZE=N)`),
    /// nil when it is within the bound.
    public func problem(with value: Int, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let bound = self.value(environment: environment)
        guard value > bound else { return nil }
        return "must be at most \(bound), got \(value) (raise the limit with \(variable)=N)"
    }

    /// Throws ``SizeLimitExceeded`` naming `subject` (a key or an option, `--width`) when `value` is above the bound.
    public func check(_ value: Int, subject: String) throws {
        if let problem = problem(with: value) { throw SizeLimitExceeded(subject: subject, problem: problem) }
    }
}

/// A size above its ``SizeLimit``: `--width must be at most 8192, got 1000000 (raise the limit with STRAINER_MAX_WIDTH=N)`.
public struct SizeLimitExceeded: Error, CustomStringConvertible, Equatable, Sendable {
    public let subject: String
    public let problem: String
    public var description: String { "\(subject) \(problem)" }
}
