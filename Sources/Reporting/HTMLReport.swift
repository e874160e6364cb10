import Foundation

/// `report.html`: one self-contained page — the table, the PSNR curves as inline SVG, and each image's
/// ground truth, measurement and reconstructions side by side as inline PNG (`data:` URLs). It loads nothing
/// from anywhere, so it can be mailed or archived as a single file.
public enum HTMLReport {
    /// The page for a run.
    ///
    /// - Parameters:
    ///   - perImage: each image's best PSNRs, shown after the curves when there are several images.
    ///   - charts: the PSNR curves, side by side (the whole fit, then its late steps zoomed).
    ///   - imageCharts: each image's curves, after the per-image table, two to a row.
    ///   - gallery: per image, the panels' captions, their second lines (a reconstruction's PSNR/SSIM, what the display
    ///     did to a measurement) and PNG bytes, in display order, each image's panels on one row.
    public static func render(_ summary: RunSummary, perImage: PerImageTable, charts: [LineChart], imageCharts: [LineChart] = [],
                              gallery: [(image: String, panels: [(label: String, detail: String?, png: Data)])]) -> String {
        let e = HTMLText.escape
        var page = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
                    "<title>\(e(summary.title))</title>", "<style>\(style)</style></head><body>",
                    "<h1>\(e(summary.title))</h1>",
                    "<p class=\"meta\">Problem <code>\(e(summary.problem))</code> · \(e(summary.created)) · strainer \(e(summary.suiteVersion))</p>"]
        if !summary.facts.isEmpty {
            page.append("<ul class=\"facts\">" + summary.facts.map { "<li><b>\(e($0.name))</b>: \(e($0.value))</li>" }.joined() + "</ul>")
        }
        page.append("<h2>Comparison</h2>")
        page.append(table(summary.table))
        if let verdict = summary.verdict, !verdict.sentences.isEmpty {
            page.append("<p class=\"verdict\">\(e(verdict.paragraph))</p>")
        }
        page.append("<p class=\"legend\">\(e(summary.table.legend).replacingOccurrences(of: "*", with: ""))</p>")
        page.append("<h2>PSNR during fitting</h2>")
        page.append(figures(charts))
        if perImage.isInformative {
            let (header, rows) = perImage.cells
            page.append("<h2>Per image</h2>")
            page.append(table(header: header, rows: rows))
            page.append("<p class=\"legend\">\(e(perImage.legend))</p>")
        }
        if !imageCharts.isEmpty {
            page.append("<h2>PSNR during fitting, per image</h2>")
            page.append(figures(imageCharts))
        }
        if !gallery.isEmpty { page.append("<h2>Images</h2>") }
        for row in gallery {
            page.append("<h3>\(e(row.image))</h3><div class=\"imagerow\">")
            for panel in row.panels {
                let detail = panel.detail.map { "<br><span class=\"detail\">\(e($0))</span>" } ?? ""
                page.append("<figure><img alt=\"\(e(panel.label))\" src=\"data:image/png;base64,\(panel.png.base64EncodedString())\">"
                            + "<figcaption>\(e(panel.label))\(detail)</figcaption></figure>")
            }
            page.append("</div>")
        }
        page.append("</body></html>")
        return page.joined(separator: "\n") + "\n"
    }

    /// Charts in a row that wraps, each shrinking to the window's width when narrower.
    static func figures(_ charts: [LineChart]) -> String {
        "<div class=\"charts\">" + charts.map { "<figure>\($0.svg())</figure>" }.joined() + "</div>"
    }

    static func table(_ table: ComparisonTable) -> String {
        let (header, rows) = table.cells
        return self.table(header: header, rows: rows)
    }

    static func table(header: [String], rows: [[String]]) -> String {
        let e = HTMLText.escape
        var html = ["<table><thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"]
        html += rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }
        html.append("</tbody></table>")
        return html.joined(separator: "\n")
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
        table{border-collapse:collapse;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
        th:first-child,td:first-child{text-align:left}thead{background:#f3f3f3}
        .meta,.legend{color:#555;font-size:13px}.verdict{font-size:15px;max-width:60em}
        figcaption{font-size:13px;color:#333}.detail{color:#555;font-variant-numeric:tabular-nums}
        .imagerow{display:flex;flex-wrap:nowrap;overflow-x:auto;gap:8px}
        .imagerow figure{margin:0;text-align:center;flex:1 1 0;min-width:96px;max-width:160px}
        .imagerow img{width:100%;image-rendering:pixelated;border:1px solid #ddd}
        .charts{display:flex;flex-wrap:wrap;gap:12px}.charts figure{margin:0}.charts svg{max-width:100%;height:auto}
        """
}
