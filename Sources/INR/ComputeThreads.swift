import Foundation

/// The number of threads the numerical passes use: `$STRAINER_THREADS` when it is a whole number ≥ 1, else every
/// active processor. Results do not depend on it (see ``Workspace``), only the speed.
public enum ComputeThreads {
    /// The environment variable that sets the thread count.
    public static let environmentVariable = "STRAINER_THREADS"

    /// The thread count in effect.
    public static var available: Int {
        (try? configured(ProcessInfo.processInfo.environment)) ?? ProcessInfo.processInfo.activeProcessorCount
    }

    /// The thread count `environment` asks for (nil when it does not set one); an error naming the variable when
    /// its value is not a whole number ≥ 1.
    public static func configured(_ environment: [String: String]) throws -> Int? {
        guard let text = environment[environmentVariable] else { return nil }
        guard let count = Int(text.trimmingCharacters(in: .whitespaces)), count >= 1 else {
            throw INRError.invalidConfiguration(field: environmentVariable, problem: "is '\(text)'; expected a whole number of threads ≥ 1")
        }
        return count
    }
}
