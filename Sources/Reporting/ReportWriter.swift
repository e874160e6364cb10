import Foundation
import Imaging

/// Writes a run's folder, `Results/<date>-<problem>-<hash>/`:
/// `config.yaml`, `metrics.csv`, `summary.json`, `images/*.png`, `report.md` and a self-contained `report.html`.
///
/// The folder is assembled atomically (``RunFolder``).
public enum ReportWriter {
    /// Writes `report` into a new folder under `results` and returns the folder.
    ///
    /// - Parameters:
    ///   - suiteVersion: recorded in `summary.json`.
    ///   - date: the run's date, used in the folder name and `summary.json`.
    public static func write(_ report: RunReport, under results: URL, suiteVersion: String,
                             date: Date = Date()) throws -> URL {
        try RunFolder.assemble(under: results, name: { folderName(for: report, date: date, existing: results) }) { partial in
            try AtomicFile.write(Data(report.configuration.utf8), to: partial.appendingPathComponent("config.yaml"))
            try AtomicFile.write(Data(MetricsCSV.render(report.curves).utf8), to: partial.appendingPathComponent("metrics.csv"))
            let gallery = try report.gallery.map { row in
                RunSummary.GalleryRow(image: row.image, panels: try row.panels.map { panel in
                    let stem = "images/\(RunFolder.fileSafe(row.image))-\(RunFolder.fileSafe(panel.label))"
                    try ImageFile.write(RunFolder.displayed(panel.image), to: partial.appendingPathComponent(stem + ".png"))
                    if let values = panel.values {
                        try ImageFile.write(values, to: partial.appendingPathComponent(stem + ".tif"), sampleFormat: .float32)
                    }
                    return RunSummary.Panel(label: panel.label, file: stem + ".png", detail: panel.detail,
                                            values: panel.values.map { _ in stem + ".tif" })
                })
            }
            let summary = RunSummary(
                problem: report.problem, title: report.title, suiteVersion: suiteVersion,
                created: ISO8601DateFormatter().string(from: date),
                facts: report.facts.map { RunSummary.Fact(name: $0.name, value: $0.value) },
                table: report.table, verdict: report.verdict, gallery: gallery)
            try AtomicFile.write(try JSONEncoder.reportEncoder.encode(summary), to: partial.appendingPathComponent("summary.json"))
            try ReportRenderer.render(runFolder: partial)
        }
    }

    /// `<yyyy-mm-dd>-<problem>-<first 8 hex digits of the configuration's SHA-256>`, with `-2`, `-3`, … when
    /// the same configuration already ran that day.
    static func folderName(for report: RunReport, date: Date, existing results: URL) -> String {
        RunFolder.name(stem: report.problem, configuration: report.configuration, date: date, existing: results)
    }
}
