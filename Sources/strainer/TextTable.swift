/// Plain-text tables for the one-screen summaries the CLI prints on stdout.
enum TextTable {
    /// Left-aligned columns separated by two spaces; the first row is the header, underlined with dashes.
    ///
    /// With a `width` (the terminal's) narrower than the table, the columns in `wrapping` give way one character at a
    /// time, each time the one whose narrowing adds the fewest lines to the whole table (the widest on a tie), down to `narrowest`
    /// each: their cells break at spaces (a word longer than its column is cut), and a row then takes as many lines as
    /// its tallest cell. Other columns keep their width, so a table
    /// whose fixed columns alone exceed `width` is still wider than it.
    static func render(_ rows: [[String]], width: Int? = nil, wrapping: Set<Int> = [], narrowest: Int = 12) -> String {
        guard let header = rows.first else { return "" }
        let columns = rows.map(\.count).max() ?? 0
        var widths = (0..<columns).map { column in rows.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        if let width {
            // Greedy: each character is taken from the column whose narrowing adds the fewest lines to the table.
            let separators = 2 * (widths.count - 1)
            func height(_ widths: [Int]) -> Int {
                rows.reduce(0) { total, row in
                    total + (wrapping.filter { row.indices.contains($0) }.map { wrap(row[$0], width: widths[$0]).count }.max() ?? 1)
                }
            }
            while widths.reduce(separators, +) > width {
                let candidates = wrapping.filter { widths.indices.contains($0) && widths[$0] > narrowest }.sorted()
                guard let cheapest = candidates.map({ column -> (column: Int, height: Int) in
                    var narrower = widths
                    narrower[column] -= 1
                    return (column, height(narrower))
                }).min(by: { a, b in a.height != b.height ? a.height < b.height : widths[a.column] > widths[b.column] })
                else { break }
                widths[cheapest.column] -= 1
            }
        }
        func lines(_ cells: [String]) -> [String] {
            let wrapped = cells.enumerated().map { index, cell in
                wrapping.contains(index) ? wrap(cell, width: widths[index]) : [cell]
            }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                wrapped.enumerated().map { index, pieces in
                    let piece = line < pieces.count ? pieces[line] : ""
                    return index == cells.count - 1 ? piece : piece.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                }.joined(separator: "  ").trimmingTrailingSpaces()
            }
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        return ([lines(header), [rule.joined(separator: "  ")]] + rows.dropFirst().map(lines)).joined().joined(separator: "\n")
    }

    /// `text` broken into lines of at most `width` characters, at spaces where it can be.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var word = word
            if current.isEmpty, word.count <= width { current = word; continue }
            if !current.isEmpty, current.count + 1 + word.count <= width { current += " " + word; continue }
            if !current.isEmpty { lines.append(current); current = "" }
            while word.count > width { lines.append(String(word.prefix(width))); word = String(word.dropFirst(width)) }
            current = word
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
