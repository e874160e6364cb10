import Foundation
import XCTest
import Imaging
@testable import Reporting

final class ReportWriterTests: XCTestCase {
    private var results: URL!

    override func setUp() {
        results = scratchResults()
    }

    /// The hand-worked curves of ``ComparisonTableTests``, filed under this report's problem.
    private let curves = ComparisonTableTests.curves.map { curve -> MethodCurve in
        var copy = curve
        if copy.problem == "p" { copy.problem = "denoise/faces" }
        return copy
    }

    private func report(truth: Image) -> RunReport {
        var reconstruction = truth
        reconstruction.pixels[0] = 1.7      // overshoot: shown clipped
        reconstruction.pixels[1] = .nan     // a broken pixel must not break the report
        return RunReport(problem: "denoise/faces", title: "Denoising <σ = 0.1>", configuration: "id: denoise\nseed: 0\n",
                         curves: curves, tableIterations: [0, 50, 100], reference: "siren",
                         gallery: [(image: "a", panels: [GalleryPanel(label: "ground truth", image: truth),
                                                         GalleryPanel(label: "strainer", image: reconstruction)])],
                         facts: [(name: "seed", value: "0")])
    }

    private var gradient: Image {
        var image = Image(height: 4, width: 5, channels: 3)
        // (index + 1/4)/60 keeps every sample away from a quantisation tie (k + 1/2)/255.
        for index in image.pixels.indices { image.pixels[index] = (Float(index) + 0.25) / Float(image.pixels.count) }
        return image
    }

    func testWritesEveryFileIntoADatedFolderAndNothingElse() throws {
        let date = ISO8601DateFormatter().date(from: "2026-03-04T05:06:07Z")!
        let folder = try ReportWriter.write(report(truth: gradient), under: results, suiteVersion: "9.9", date: date)
        let hash = SHA256.hexDigest(of: Data("id: denoise\nseed: 0\n".utf8)).prefix(8)
        XCTAssertEqual(folder.lastPathComponent, "2026-03-04-denoise_faces-\(hash)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(files, ["config.yaml", "images", "metrics.csv", "report.html", "report.md", "summary.json"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: results.path), [folder.lastPathComponent],
                       "no partial folder left behind")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8), "id: denoise\nseed: 0\n")
        XCTAssertEqual(try MetricsCSV.parse(String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8), file: ""),
                       curves)

        let again = try ReportWriter.write(report(truth: gradient), under: results, suiteVersion: "9.9", date: date)
        XCTAssertEqual(again.lastPathComponent, folder.lastPathComponent + "-2", "a rerun never overwrites a result")
    }

    /// An interrupted run's hidden folder goes once its process is gone; a running process's folder stays.
    func testAbandonedPartialFoldersAreRemovedAndLiveOnesKept() throws {
        let abandoned = results.appendingPathComponent(".partial-2026-01-01-x-abcd1234-2147483646")
        let live = results.appendingPathComponent(".partial-2026-01-01-x-abcd1234-\(getppid())")
        for folder in [abandoned, live] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let written = try ReportWriter.write(report(truth: gradient), under: results, suiteVersion: "9.9")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: results.path).sorted(),
                       [live.lastPathComponent, written.lastPathComponent].sorted())
    }

    func testHTMLIsSelfContainedAndItsImagesDecodeToTheQuantisedPanels() throws {
        let folder = try ReportWriter.write(report(truth: gradient), under: results, suiteVersion: "9.9")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<title>Denoising &lt;σ = 0.1&gt;</title>"))
        XCTAssertTrue(html.contains("<polyline class=\"series\" data-name=\"strainer\""))
        XCTAssertFalse(html.contains("src=\"http"), "nothing is loaded from the network")
        XCTAssertFalse(html.contains("href="), "no external style sheets or links")

        let sources = html.components(separatedBy: "src=\"data:image/png;base64,").dropFirst().map { $0.prefix { $0 != "\"" } }
        XCTAssertEqual(sources.count, 2)
        let decoded = try sources.map { base64 -> Image in
            let url = results.appendingPathComponent("decoded-\(UUID().uuidString).png")
            try XCTUnwrap(Data(base64Encoded: String(base64))).write(to: url)
            return try ImageFile.read(url)
        }
        for (value, shown) in zip(gradient.pixels, decoded[0].pixels) {
            XCTAssertEqual(shown, (value * 255).rounded() / 255, accuracy: 1e-6)
        }
        XCTAssertEqual(decoded[1].pixels[0], 1, "overshoot clipped to white")
        XCTAssertEqual(decoded[1].pixels[1], 0, "NaN shown black")
    }

    func testRenderingAgainReproducesTheReports() throws {
        let folder = try ReportWriter.write(report(truth: gradient), under: results, suiteVersion: "9.9")
        let markdownURL = folder.appendingPathComponent("report.md"), htmlURL = folder.appendingPathComponent("report.html")
        let markdown = try Data(contentsOf: markdownURL), html = try Data(contentsOf: htmlURL)
        try FileManager.default.removeItem(at: markdownURL)
        try "stale".write(to: htmlURL, atomically: true, encoding: .utf8)
        try ReportRenderer.render(runFolder: folder)
        XCTAssertEqual(try Data(contentsOf: markdownURL), markdown)
        XCTAssertEqual(try Data(contentsOf: htmlURL), html)
        let text = String(decoding: markdown, as: UTF8.self)
        XCTAssertTrue(text.contains("| strainer | 14.50 / 0.145 | 25.00 / 0.250 | 29.50 / 0.295 | 29.50 ± 2.12 / 0.295 | 75 | 0.8 | ×1.3 |"), text)
        XCTAssertTrue(text.contains("## Per image\n\n| image | siren | strainer | cg |\n|---|---:|---:|---:|\n"
                                    + "| a | 25.00 | 28.00 (+3.00) | 21.00 (-4.00) |\n| b | 30.00 | 31.00 (+1.00) | 23.00 (-7.00) |\n"
                                    + "| smallest difference | — | +1.00 | -7.00 |\n"), text)
        let page = String(decoding: html, as: UTF8.self)
        XCTAssertTrue(page.contains("<h2>Per image</h2>\n<table><thead><tr><th>image</th><th>siren</th>"))
        XCTAssertEqual(page.components(separatedBy: "<svg xmlns=").count - 1, 4,
                       "the mean curves and their late steps (siren and strainer have two points from 50 on), then a's and b's own")
        XCTAssertTrue(page.contains(">The late steps, zoomed</text>"))
        XCTAssertTrue(page.contains(">b</text>"), "b's chart is titled with its name")
    }

    func testAFailedWriteLeavesNoFolder() throws {
        var broken = report(truth: gradient)
        broken.gallery[0].panels.append(GalleryPanel(label: "empty", image: Image(height: 0, width: 0, channels: 1)))
        XCTAssertThrowsError(try ReportWriter.write(broken, under: results, suiteVersion: "9.9"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: results.path), [])
    }

    func testRenderingAFolderWithoutASummaryNamesTheFile() throws {
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        XCTAssertThrowsError(try ReportRenderer.render(runFolder: results)) { error in
            XCTAssertTrue("\(error)".hasPrefix(results.appendingPathComponent("summary.json").path), "\(error)")
        }
    }
}
