import Foundation
import Imaging

/// Renders `report.md` and `report.html` of a run folder from its `summary.json`, `metrics.csv` and
/// `images/` — after a run, and again on demand (`strainer report RUN_DIR`).
public enum ReportRenderer {
    /// Reads the run folder's records and (re)writes both reports atomically.
    public static func render(runFolder: URL) throws {
        let summaryURL = runFolder.appendingPathComponent("summary.json")
        let metricsURL = runFolder.appendingPathComponent("metrics.csv")
        guard let summaryData = FileManager.default.contents(atPath: summaryURL.path) else {
            throw FileError(file: summaryURL.path, problem: "missing: expected a run folder written by the suite under Results/")
        }
        let summary: RunSummary
        do {
            summary = try JSONDecoder.reportDecoder.decode(RunSummary.self, from: summaryData)
        } catch {
            throw FileError(file: summaryURL.path, problem: "not a run summary this suite wrote (\(error))")
        }
        let csv: String
        do { csv = try String(contentsOf: metricsURL, encoding: .utf8) } catch {
            throw FileError(file: metricsURL.path, problem: "cannot read the metrics (\(error.localizedDescription))")
        }
        let curves = try MetricsCSV.parse(csv, file: metricsURL.path)
        let pictures = try summary.gallery.map { row in
            (image: row.image, panels: try row.panels.map { panel -> (label: String, png: Data) in
                let url = runFolder.appendingPathComponent(panel.file)
                do { return (panel.label, try Data(contentsOf: url)) } catch {
                    throw FileError(file: url.path, problem: "image listed in summary.json is missing")
                }
            })
        }
        try AtomicFile.write(Data(MarkdownReport.render(summary).utf8), to: runFolder.appendingPathComponent("report.md"))
        let html = HTMLReport.render(summary, chart: LineChart.psnrCurves(of: curves, title: "Mean PSNR over the images", table: summary.table),
                                     gallery: pictures)
        try AtomicFile.write(Data(html.utf8), to: runFolder.appendingPathComponent("report.html"))
    }
}
