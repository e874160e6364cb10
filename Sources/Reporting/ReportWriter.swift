import Foundation
import Imaging

/// Writes a run's folder, `Results/<date>-<problem>-<hash>/`:
/// `config.yaml`, `metrics.csv`, `summary.json`, `images/*.png`, `report.md` and a self-contained `report.html`.
///
/// The folder is assembled under a hidden temporary name and renamed into place when complete, so an
/// interrupted run leaves no half-written report (only, at worst, a hidden `.partial-…-<pid>` folder, which the
/// next write under the same folder removes once process `<pid>` is gone).
public enum ReportWriter {
    /// Writes `report` into a new folder under `results` and returns the folder.
    ///
    /// - Parameters:
    ///   - suiteVersion: recorded in `summary.json`.
    ///   - date: the run's date, used in the folder name and `summary.json`.
    public static func write(_ report: RunReport, under results: URL, suiteVersion: String,
                             date: Date = Date()) throws -> URL {
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        removeAbandonedPartials(in: results)
        let name = folderName(for: report, date: date, existing: results)
        let partial = results.appendingPathComponent(".partial-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: partial)
        try FileManager.default.createDirectory(at: partial.appendingPathComponent("images"), withIntermediateDirectories: true)
        do {
            try AtomicFile.write(Data(report.configuration.utf8), to: partial.appendingPathComponent("config.yaml"))
            try AtomicFile.write(Data(MetricsCSV.render(report.curves).utf8), to: partial.appendingPathComponent("metrics.csv"))
            let gallery = try report.gallery.map { row in
                RunSummary.GalleryRow(image: row.image, panels: try row.panels.map { panel in
                    let file = "images/\(fileSafe(row.image))-\(fileSafe(panel.label)).png"
                    try ImageFile.write(clipped(panel.image), to: partial.appendingPathComponent(file))
                    return RunSummary.Panel(label: panel.label, file: file)
                })
            }
            let summary = RunSummary(
                problem: report.problem, title: report.title, suiteVersion: suiteVersion,
                created: ISO8601DateFormatter().string(from: date),
                facts: report.facts.map { RunSummary.Fact(name: $0.name, value: $0.value) },
                table: report.table, gallery: gallery)
            try AtomicFile.write(try JSONEncoder.reportEncoder.encode(summary), to: partial.appendingPathComponent("summary.json"))
            try ReportRenderer.render(runFolder: partial)
            let final = results.appendingPathComponent(name)
            try FileManager.default.moveItem(at: partial, to: final)
            return final
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// `<yyyy-mm-dd>-<problem>-<first 8 hex digits of the configuration's SHA-256>`, with `-2`, `-3`, … when
    /// the same configuration already ran that day.
    static func folderName(for report: RunReport, date: Date, existing results: URL) -> String {
        let day = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        let hash = SHA256.hexDigest(of: Data(report.configuration.utf8)).prefix(8)
        let base = "\(day)-\(fileSafe(report.problem))-\(hash)"
        var name = base
        var counter = 2
        while FileManager.default.fileExists(atPath: results.appendingPathComponent(name).path) {
            name = "\(base)-\(counter)"
            counter += 1
        }
        return name
    }

    /// Removes the hidden `.partial-…-<pid>` folders of runs whose process no longer exists (interrupted).
    static func removeAbandonedPartials(in results: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: results.path)) ?? []
        for name in names where name.hasPrefix(".partial-") {
            guard let pid = name.split(separator: "-").last.flatMap({ Int32($0) }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: results.appendingPathComponent(name))
            }
        }
    }

    /// Letters, digits, `-`, `_` and `.` kept; anything else becomes `_`.
    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }

    /// Reconstructions may overshoot [0, 1]; a displayed PNG clips them (non-finite samples show as 0).
    private static func clipped(_ image: Image) -> Image {
        var copy = image
        for index in copy.pixels.indices {
            let value = copy.pixels[index]
            copy.pixels[index] = value.isFinite ? min(max(value, 0), 1) : 0
        }
        return copy
    }
}
