/// What can go wrong when a baseline is applied, besides the parameter and shape errors of
/// ``Operators/OperatorError``. Prints as one line naming the baseline, the operator and what was expected.
public enum BaselineError: Error, Equatable, CustomStringConvertible {
    /// A baseline made for one kind of forward operator, given another.
    case inapplicable(baseline: String, forward: String, appliesTo: String)

    public var description: String {
        switch self {
        case let .inapplicable(baseline, forward, appliesTo):
            return "baseline '\(baseline)' does not apply to the forward operator \(forward); it applies only to \(appliesTo)"
        }
    }
}
