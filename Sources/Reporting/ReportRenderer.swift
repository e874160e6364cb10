import Foundation
import Imaging

/// Renders `report.md` and `report.html` of a run folder from its `summary.json`, `metrics.csv` and
/// `images/` — after a run, and again on demand (`strainer report RUN_DIR`).
public enum ReportRenderer {
    /// Reads the run folder's records and (re)writes both reports atomically.
    public static func render(runFolder: URL) throws {
        let records = try RunRecords(folder: runFolder)
        var summary = records.summary
        let curves = records.curves
        if summary.verdict == nil {
            summary.verdict = ComparisonVerdict(problem: summary.problem, curves: curves, iterations: summary.table.iterations,
                                                reference: summary.table.reference)
        }
        let pictures = try summary.gallery.map { row in
            (image: row.image, panels: try row.panels.map { panel in (label: panel.label, detail: panel.detail, png: try records.panelData(panel)) })
        }
        let perImage = PerImageTable(problem: summary.problem, curves: curves, methods: summary.table.rows.map(\.method),
                                     reference: summary.table.reference)
        try AtomicFile.write(Data(MarkdownReport.render(summary, perImage: perImage).utf8), to: runFolder.appendingPathComponent("report.md"))
        let html = HTMLReport.render(summary, perImage: perImage,
                                     charts: meanCharts(of: curves, table: summary.table),
                                     imageCharts: perImage.isInformative ? imageCharts(of: curves, images: perImage.images, summary: summary) : [],
                                     gallery: pictures)
        try AtomicFile.write(Data(html.utf8), to: runFolder.appendingPathComponent("report.html"))
    }

    /// A chart's size beside another on the page (two and their gap fit the page's 1200 px less its margins).
    static let panelSize = (width: 560.0, height: 380.0)

    /// The mean PSNR curves, focused on the values that matter, and beside them the late steps zoomed.
    static func meanCharts(of curves: [MethodCurve], table: ComparisonTable) -> [LineChart] {
        var chart = LineChart.psnrCurves(of: curves, title: "Mean PSNR over the images", table: table).focused()
        (chart.width, chart.height) = panelSize
        return [chart] + [chart.lateSteps(title: "The late steps, zoomed")].compactMap { $0 }
    }

    /// Each image's PSNR curves, focused, at the same readable size, with that image's own discrepancy stops marked.
    private static func imageCharts(of curves: [MethodCurve], images: [String], summary: RunSummary) -> [LineChart] {
        images.map { image in
            let mine = curves.filter { $0.image == image && $0.problem == summary.problem }
            let table = ComparisonTable(problem: summary.problem, curves: mine, iterations: [], reference: summary.table.reference)
            var chart = LineChart.psnrCurves(of: mine, title: image, table: table).focused()
            (chart.width, chart.height) = panelSize
            return chart
        }
    }
}
