/// A pass over raw YAML text, before Yams composes it, refusing what would make composing costly: anchors and
/// aliases (an alias used as a mapping key is hashed in full, so nested aliases cost exponential time before any
/// node can be inspected) and nesting deep enough to exhaust the composer's stack.
///
/// It follows quoting and comments and nothing else, so it errs towards refusing: a plain scalar with a word
/// starting in `*` or `&` (`title: a *very* hard case`) is refused with a hint to quote it.
enum YAMLStructureScan {
    static let anchorProblem = "anchors and aliases (&name, *name) are not accepted; write each value out "
        + "(quote a text value that starts with & or *)"

    /// Throws a ``YAMLRefusal`` at the first anchor or alias, flow nesting plus block indicators on a line deeper
    /// than ``SafeYAML/maximumDepth``, or indentation wider than ``SafeYAML/maximumIndentation``.
    static func check(_ text: String) throws {
        var line = 1, column = 0
        var indentation = 0, atLineStart = true, blockIndicators = 0, flowDepth = 0
        var quote: Unicode.Scalar?, escaped = false, inComment = false
        var previous: Unicode.Scalar = "\n"
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            column += 1
            defer { previous = scalar }
            if scalar == "\n" {
                line += 1
                column = 0
                indentation = 0
                atLineStart = true
                blockIndicators = 0
                inComment = false
                continue
            }
            if inComment { continue }
            if let open = quote {
                if escaped { escaped = false } else if open == "\"" && scalar == "\\" { escaped = true } else if scalar == open { quote = nil }
                continue
            }
            if atLineStart && scalar == " " {
                indentation += 1
                guard indentation <= SafeYAML.maximumIndentation else {
                    throw YAMLRefusal(line: line, column: column, problem:
                        "indented more than \(SafeYAML.maximumIndentation) columns; expected at most \(SafeYAML.maximumIndentation)")
                }
                continue
            }
            atLineStart = false
            let next = index + 1 < scalars.count ? scalars[index + 1] : "\n"
            let startsToken = [" ", "\t", "\n", "[", "{", ","].contains(previous)
            let separated = [" ", "\t", "\n", "\r"].contains(next)
            if scalar == "#" && [" ", "\t", "\n"].contains(previous) {
                inComment = true
            } else if (scalar == "'" || scalar == "\"") && (startsToken || previous == ":") {
                quote = scalar
            } else if (scalar == "&" || scalar == "*") && startsToken && !separated && ![",", "]", "}"].contains(next) {
                throw YAMLRefusal(line: line, column: column, problem: anchorProblem)
            } else if scalar == "[" || scalar == "{" {
                flowDepth += 1
            } else if scalar == "]" || scalar == "}" {
                flowDepth = max(0, flowDepth - 1)
            } else if (scalar == "-" || scalar == "?") && startsToken && separated {
                blockIndicators += 1
            }
            guard flowDepth + blockIndicators <= SafeYAML.maximumDepth else {
                throw YAMLRefusal(line: line, column: column, problem:
                    "nested more than \(SafeYAML.maximumDepth) levels deep; expected at most \(SafeYAML.maximumDepth)")
            }
        }
    }
}
