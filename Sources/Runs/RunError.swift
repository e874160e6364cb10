/// A run that cannot go on as asked: one line naming the option, file or value, what was wrong and what was expected.
public struct RunError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
