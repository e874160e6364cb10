import CYaml

/// A pass over YAML's parse events (libyaml's own parser, the one Yams composes with; it keeps its state on the
/// heap, so any depth is safe here) before Yams composes a document, refusing what would make composing or
/// decoding costly: anchors and aliases (an alias repeats its anchor's node, and an alias used as a mapping key is
/// hashed in full, so nested aliases cost exponential time and memory) and nesting deeper than
/// ``SafeYAML/maximumDepth`` (the composer and the decoder recurse once per level).
///
/// A syntax error ends the pass quietly: Yams meets the same error at the same place and reports it with its line
/// and column, and nothing before it was refused.
enum YAMLEventScan {
    static let anchorProblem = "anchors and aliases (&name, *name) are not accepted; write each value out"

    /// Throws a ``YAMLRefusal`` at the first anchor or alias, or at the first collection nested too deep.
    static func check(_ text: String) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw YAMLRefusal(line: nil, column: nil, problem: "out of memory") }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            var finished = false
            while !finished {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                let anchored: Bool
                switch event.type {
                case YAML_ALIAS_EVENT: anchored = true
                case YAML_SCALAR_EVENT: anchored = event.data.scalar.anchor != nil
                case YAML_SEQUENCE_START_EVENT: anchored = event.data.sequence_start.anchor != nil; depth += 1
                case YAML_MAPPING_START_EVENT: anchored = event.data.mapping_start.anchor != nil; depth += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: anchored = false; depth -= 1
                case YAML_STREAM_END_EVENT: anchored = false; finished = true
                default: anchored = false
                }
                let (line, column) = (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
                if anchored { throw YAMLRefusal(line: line, column: column, problem: anchorProblem) }
                if depth > SafeYAML.maximumDepth {
                    throw YAMLRefusal(line: line, column: column, problem: SafeYAML.depthProblem)
                }
            }
        }
    }
}
