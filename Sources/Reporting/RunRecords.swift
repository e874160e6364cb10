import Foundation
import Imaging

/// What a run folder records — `config.yaml`, `summary.json`, `metrics.csv` and the gallery's PNGs under
/// `images/` — read back, checked, for rendering its reports again or merging it with other runs.
public struct RunRecords: Sendable {
    /// The run folder.
    public var folder: URL
    /// `config.yaml` as written.
    public var configuration: String
    public var summary: RunSummary
    /// Every curve of `metrics.csv`.
    public var curves: [MethodCurve]

    /// Reads the records of `folder`, naming the file that is missing or malformed.
    public init(folder: URL) throws {
        self.folder = folder
        let summaryURL = folder.appendingPathComponent("summary.json")
        guard let summaryData = FileManager.default.contents(atPath: summaryURL.path) else {
            throw FileError(file: summaryURL.path, problem: "missing: expected a run folder written by the suite under Results/")
        }
        do {
            summary = try JSONDecoder.reportDecoder.decode(RunSummary.self, from: summaryData)
        } catch {
            throw FileError(file: summaryURL.path, problem: "not a run summary this suite wrote (\(error))")
        }
        let metricsURL = folder.appendingPathComponent("metrics.csv")
        let csv: String
        do { csv = try String(contentsOf: metricsURL, encoding: .utf8) } catch {
            throw FileError(file: metricsURL.path, problem: "cannot read the metrics (\(error.localizedDescription))")
        }
        curves = try MetricsCSV.parse(csv, file: metricsURL.path)
        let configurationURL = folder.appendingPathComponent("config.yaml")
        do { configuration = try String(contentsOf: configurationURL, encoding: .utf8) } catch {
            throw FileError(file: configurationURL.path, problem: "cannot read the run's configuration (\(error.localizedDescription))")
        }
    }

    /// The PNG file of a gallery panel, read.
    public func panelData(_ panel: RunSummary.Panel) throws -> Data {
        let url = try panelFile(panel)
        do { return try Data(contentsOf: url) } catch {
            throw FileError(file: url.path, problem: "cannot read (\(error.localizedDescription))")
        }
    }

    /// A gallery panel's image, decoded.
    public func panelImage(_ panel: RunSummary.Panel) throws -> Image {
        try ImageFile.read(panelFile(panel))
    }

    /// The exact values behind a panel (its float32 TIFF), when the run kept them.
    public func panelValues(_ panel: RunSummary.Panel) throws -> Image? {
        guard let values = panel.values else { return nil }
        let url = folder.appendingPathComponent(values)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FileError(file: url.path, problem: "missing: summary.json lists it as the values of panel '\(panel.label)'")
        }
        return try ImageFile.read(url)
    }

    /// Where a panel's PNG is; a panel listed in `summary.json` must exist.
    private func panelFile(_ panel: RunSummary.Panel) throws -> URL {
        let url = folder.appendingPathComponent(panel.file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FileError(file: url.path, problem: "image listed in summary.json is missing")
        }
        return url
    }
}
