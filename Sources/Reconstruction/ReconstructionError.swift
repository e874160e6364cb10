/// What can go wrong when a user's measurement is reconstructed, besides the errors of the modules it uses. Each
/// prints as one line naming the file or option, what was wrong and what was expected.
public enum ReconstructionError: Error, Equatable, CustomStringConvertible {
    /// A sample of the measurement file is NaN or infinite.
    case nonFiniteMeasurement(file: String, row: Int, column: Int, channel: Int, value: Float)
    /// The measurement's shape is not what the operator makes of the image the grid was sized to.
    case shapeMismatch(file: String, found: String, expected: String)
    /// The operator and the measurement do not fix the image's size.
    case sizeNeeded(operatorName: String, measurement: String)
    /// A size beyond what the suite accepts.
    case tooLarge(what: String, size: String, limit: String)
    /// The noise level cannot be estimated from this kind of measurement.
    case noiseLevelNotEstimable(operatorName: String)
    /// An option whose value is out of range or malformed.
    case invalidOption(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .nonFiniteMeasurement(file, row, column, channel, value):
            return "\(file): sample (row \(row), column \(column), channel \(channel)) is \(value); expected finite values"
        case let .shapeMismatch(file, found, expected):
            return "\(file): the measurement is \(found); \(expected)"
        case let .sizeNeeded(operatorName, measurement):
            return "the \(operatorName) operator and a \(measurement) measurement do not fix the image's size; give it with --shape HxW"
        case let .tooLarge(what, size, limit):
            return "\(what) is \(size), more than the \(limit) the suite accepts"
        case let .noiseLevelNotEstimable(operatorName):
            return "the noise level cannot be estimated from a \(operatorName) measurement; give it (--noise '{name: gaussian, sigma: 0.01}') or stop by --stop validation or --stop iterations"
        case let .invalidOption(name, value, expected):
            return "\(name) is '\(value)'; expected \(expected)"
        }
    }
}
