import Foundation

/// `report.md`: the comparison table of a run, readable at a glance in a terminal or on a forge.
public enum MarkdownReport {
    /// The whole report: title, facts, the comparison table and how to read it, then (for several images) the
    /// per-image table.
    public static func render(_ summary: RunSummary, perImage: PerImageTable) -> String {
        var lines = ["# \(summary.title)", "", "Problem `\(summary.problem)` · \(summary.created) · strainer \(summary.suiteVersion)"]
        if !summary.facts.isEmpty {
            lines.append("")
            lines += summary.facts.map { "- \($0.name): \($0.value)" }
        }
        lines += ["", table(summary.table)]
        if let verdict = summary.verdict, !verdict.sentences.isEmpty { lines += ["", verdict.paragraph] }
        lines += ["", summary.table.legend]
        if perImage.isInformative {
            lines += ["", "## Per image", "", table(perImage), "", perImage.legend]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What a command prints when a run finishes: the comparison table, then what it found.
    public static func console(_ report: RunReport) -> String {
        let verdict = report.verdict
        return table(report.table) + (verdict.sentences.isEmpty ? "" : "\n\n" + verdict.paragraph)
    }

    /// The comparison table as a Markdown pipe table.
    public static func table(_ table: ComparisonTable) -> String {
        let (header, rows) = table.cells
        return pipeTable(header: header, rows: rows)
    }

    /// The per-image table as a Markdown pipe table.
    public static func table(_ table: PerImageTable) -> String {
        let (header, rows) = table.cells
        return pipeTable(header: header, rows: rows)
    }

    /// A pipe table, its first column left-aligned and the others right-aligned.
    static func pipeTable(header: [String], rows: [[String]]) -> String {
        let rule = "|" + header.indices.map { $0 == 0 ? "---" : "---:" }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    private static func line(_ cells: [String]) -> String {
        "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }
}
