import Foundation

/// `report.md`: the comparison table of a run, readable at a glance in a terminal or on a forge.
public enum MarkdownReport {
    /// The whole report: title, facts, the comparison table and how to read it.
    public static func render(_ summary: RunSummary) -> String {
        var lines = ["# \(summary.title)", "", "Problem `\(summary.problem)` · \(summary.created) · strainer \(summary.suiteVersion)"]
        if !summary.facts.isEmpty {
            lines.append("")
            lines += summary.facts.map { "- \($0.name): \($0.value)" }
        }
        lines += ["", table(summary.table), "", summary.table.legend]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The comparison table as a Markdown pipe table.
    public static func table(_ table: ComparisonTable) -> String {
        let (header, rows) = table.cells
        let rule = "|" + header.indices.map { $0 == 0 ? "---" : "---:" }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    private static func line(_ cells: [String]) -> String {
        "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }
}
