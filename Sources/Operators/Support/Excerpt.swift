/// A value quoted in an error message, cut short: a hostile or mistaken value (a megabyte string, a long list)
/// must not turn a one-line error into pages.
public enum Excerpt {
    /// Most characters of a value an error message quotes.
    public static let limit = 40

    /// `text`, or its first ``limit`` characters followed by `…` and how many characters were left out.
    public static func of(_ text: String) -> String {
        guard text.count > limit else { return text }
        return "\(text.prefix(limit))… (\(text.count) characters)"
    }
}

extension ParameterValue {
    /// The value as written, cut to ``Excerpt/limit`` characters for an error message.
    public var excerpt: String { Excerpt.of(description) }
}
