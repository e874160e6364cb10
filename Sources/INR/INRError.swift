/// Errors of the INR module: each names the field, file or tensor at fault, what was wrong and what was expected.
public enum INRError: Error, CustomStringConvertible, Equatable {
    /// An architecture hyper-parameter out of range (`field` names it).
    case invalidArchitecture(field: String, problem: String)
    /// A matrix, gradient or tensor of the wrong size.
    case shapeMismatch(what: String, expected: String, found: String)
    /// A checkpoint file that cannot be read or does not match the requested architecture.
    case checkpoint(file: String, tensor: String?, problem: String)
    /// The training loss stopped being finite.
    case nonFiniteLoss(iteration: Int, loss: Double, hint: String)
    /// A fitting option out of range.
    case invalidConfiguration(field: String, problem: String)

    public var description: String {
        switch self {
        case let .invalidArchitecture(field, problem):
            return "invalid network architecture: \(field) \(problem)"
        case let .shapeMismatch(what, expected, found):
            return "\(what): expected \(expected), found \(found)"
        case let .checkpoint(file, tensor, problem):
            return "checkpoint \(file)" + (tensor.map { ", tensor \($0)" } ?? "") + ": \(problem)"
        case let .nonFiniteLoss(iteration, loss, hint):
            return "the loss became \(loss.lossDescription) at iteration \(iteration); \(hint)"
        case let .invalidConfiguration(field, problem):
            return "invalid fitting option: \(field) \(problem)"
        }
    }
}

extension Double {
    /// A loss as error messages show it: "NaN" whatever its sign bit (the platform prints "nan" or "-nan"),
    /// otherwise as usual ("inf", "-inf", finite values).
    public var lossDescription: String { isNaN ? "NaN" : "\(self)" }
}
