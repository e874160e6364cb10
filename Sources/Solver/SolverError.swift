/// Errors of the solver: each names what was wrong and what was expected, in one line.
public enum SolverError: Error, CustomStringConvertible, Equatable {
    /// The measurement, ground truth or operator do not fit together.
    case shapeMismatch(what: String, expected: String, found: String)
    /// A measurement or ground-truth sample is NaN or infinite.
    case nonFiniteData(what: String, index: Int, value: Float)
    /// A solver option out of range.
    case invalidOption(name: String, problem: String)
    /// The objective stopped being finite during the fit.
    case nonFiniteLoss(iteration: Int, loss: Double, hint: String)
    /// A saved ``SolverState`` that cannot be read, or does not belong to this solver.
    case unreadableState(file: String, problem: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(what, expected, found):
            return "\(what): expected \(expected), found \(found)"
        case let .nonFiniteData(what, index, value):
            return "\(what) holds \(value) at sample \(index); expected finite values"
        case let .invalidOption(name, problem):
            return "solver option \(name) \(problem)"
        case let .nonFiniteLoss(iteration, loss, hint):
            return "the loss became \(loss.lossDescription) at iteration \(iteration); \(hint)"
        case let .unreadableState(file, problem):
            return "\(file): \(problem); expected the state of an unfinished fit saved by this solver (delete it to start the fit afresh)"
        }
    }
}
