import Foundation
import Imaging

/// The report of a reconstruction from a user's measurement (`strainer reconstruct`), which has no ground truth:
/// what was measured and how, the reconstruction kept and why, the baselines beside it, and the curves that chose
/// the iterate (the discrepancy and the held-out loss at every step). A reference image, when given, adds PSNR/SSIM.
///
/// Its folder (``RunFolder``, assembled atomically) holds `report.md`, a self-contained `report.html`,
/// `trace.csv` (a row a step), the float32 TIFFs named in ``floatImages`` (y exactly as read, the reconstruction
/// unquantised) and `images/*.png`, one per panel, clipped to [0, 1] for display.
public struct ReconstructionReport {
    public var title: String
    /// Facts shown first, in order.
    public var facts: [(name: String, value: String)]
    /// The results table.
    public var header: [String]
    public var rows: [[String]]
    /// A sentence under the table.
    public var legend: String
    /// Images side by side: a short name (the PNG's file name), a caption, the image.
    public var panels: [(name: String, label: String, image: Image)]
    public var charts: [LineChart]
    /// `trace.csv`'s text.
    public var trace: String
    /// Float32 TIFFs written beside the report (file name, image).
    public var floatImages: [(file: String, image: Image)]

    public init(title: String, facts: [(name: String, value: String)], header: [String], rows: [[String]], legend: String,
                panels: [(name: String, label: String, image: Image)], charts: [LineChart], trace: String,
                floatImages: [(file: String, image: Image)]) {
        self.title = title
        self.facts = facts
        self.header = header
        self.rows = rows
        self.legend = legend
        self.panels = panels
        self.charts = charts
        self.trace = trace
        self.floatImages = floatImages
    }

    /// Writes the report into a new folder `<date>-<stem>-<hash of configuration>` under `results`; returns it.
    public func write(under results: URL, stem: String, configuration: String, date: Date = Date()) throws -> URL {
        try RunFolder.assemble(under: results, name: { RunFolder.name(stem: stem, configuration: configuration, date: date, existing: results) }) { folder in
            try AtomicFile.write(Data(configuration.utf8), to: folder.appendingPathComponent("config.yaml"))
            try AtomicFile.write(Data(trace.utf8), to: folder.appendingPathComponent("trace.csv"))
            for (file, image) in floatImages {
                try TIFFFile.write(image, to: folder.appendingPathComponent(file), sampleFormat: .float32)
            }
            var pictures = [(label: String, file: String, png: Data)]()
            for panel in panels {
                let file = "images/\(RunFolder.fileSafe(panel.name)).png"
                let url = folder.appendingPathComponent(file)
                try ImageFile.write(RunFolder.displayed(panel.image), to: url)
                pictures.append((panel.label, file, try Data(contentsOf: url)))
            }
            try AtomicFile.write(Data(markdown(pictures: pictures).utf8), to: folder.appendingPathComponent("report.md"))
            try AtomicFile.write(Data(html(pictures: pictures).utf8), to: folder.appendingPathComponent("report.html"))
        }
    }

    private func markdown(pictures: [(label: String, file: String, png: Data)]) -> String {
        var lines = ["# \(title)", ""]
        lines += facts.map { "- \($0.name): \($0.value)" }
        lines += ["", MarkdownReport.pipeTable(header: header, rows: rows), "", legend, ""]
        lines += pictures.map { "![\($0.label)](\($0.file))" }
        return lines.joined(separator: "\n") + "\n"
    }

    private func html(pictures: [(label: String, file: String, png: Data)]) -> String {
        let e = HTMLText.escape
        var page = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
                    "<title>\(e(title))</title>", "<style>\(HTMLReport.style)</style></head><body>", "<h1>\(e(title))</h1>",
                    "<ul class=\"facts\">" + facts.map { "<li><b>\(e($0.name))</b>: \(e($0.value))</li>" }.joined() + "</ul>",
                    "<h2>Results</h2>", HTMLReport.table(header: header, rows: rows), "<p class=\"legend\">\(e(legend))</p>"]
        if !charts.isEmpty {
            page.append("<h2>How the iterate was chosen</h2><div class=\"gallery\">")
            page += charts.map { "<figure>\($0.svg())</figure>" }
            page.append("</div>")
        }
        page.append("<h2>Images</h2><div class=\"gallery\">")
        for picture in pictures {
            page.append("<figure><img alt=\"\(e(picture.label))\" src=\"data:image/png;base64,\(picture.png.base64EncodedString())\">"
                        + "<figcaption>\(e(picture.label))</figcaption></figure>")
        }
        page.append("</div></body></html>")
        return page.joined(separator: "\n") + "\n"
    }
}
