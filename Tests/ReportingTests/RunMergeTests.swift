import Foundation
import XCTest
import Imaging
@testable import Reporting

/// ``RunMerge`` on run folders written by ``ReportWriter`` from the hand-worked curves of ``ComparisonTableTests``.
final class RunMergeTests: XCTestCase {
    private var results: URL!

    override func setUp() {
        results = scratchResults()
    }

    /// A run of problem `p` holding the curves of `methods`, with a discrepancy stop on strainer's image b.
    private func run(_ methods: Set<String>, problem: String = "p", images: Set<String> = ["a", "b"],
                     gallery: [(image: String, panels: [GalleryPanel])] = []) throws -> RunRecords {
        let curves = ComparisonTableTests.curves.filter { methods.contains($0.method) && $0.problem == "p" && images.contains($0.image) }
            .map { curve -> MethodCurve in
                var copy = curve
                copy.problem = problem
                if copy.method == "strainer" && copy.image == "b" { copy.discrepancyStop = 50 }
                return copy
            }
        let report = RunReport(problem: problem, title: "t", configuration: "methods: \(methods.sorted())\n", curves: curves,
                               tableIterations: [0, 50], reference: methods.contains("siren") ? "siren" : curves[0].method,
                               gallery: gallery)
        return try RunRecords(folder: ReportWriter.write(report, under: results, suiteVersion: "9.9"))
    }

    func testTheMergedTableIsTheTableOfAllCurves() throws {
        let merged = try RunMerge.merge([run(["siren"]), run(["strainer", "cg"])])
        var expectedCurves = ComparisonTableTests.curves.filter { $0.problem == "p" }
        expectedCurves[3].discrepancyStop = 50
        let expected = ComparisonTable(problem: "p", curves: expectedCurves, iterations: [0, 50], reference: "siren")
        XCTAssertEqual(merged.table.rows.sorted { $0.method < $1.method }, expected.rows.sorted { $0.method < $1.method })
        XCTAssertEqual(merged.table.rows.first { $0.method == "strainer" }?.imagesReachingDiscrepancy, 1,
                       "the discrepancy stop survives metrics.csv")
        XCTAssertTrue(merged.configuration.hasPrefix("merged_from:\n- run: "), merged.configuration)
        XCTAssertTrue(merged.configuration.contains("  config: |\n    methods: [\"siren\"]\n"), merged.configuration)
    }

    func testRunsOfAnotherProblemOrOtherImagesAreRefused() throws {
        let siren = try run(["siren"])
        let otherProblem = try run(["strainer"], problem: "q")
        XCTAssertThrowsError(try RunMerge.merge([siren, otherProblem])) { error in
            XCTAssertEqual("\(error)", "\(otherProblem.folder.path): is a run of q, \(siren.folder.lastPathComponent) of p; "
                           + "only runs of one problem merge")
        }
        let oneImage = try run(["strainer"], images: ["a"])
        XCTAssertThrowsError(try RunMerge.merge([siren, oneImage])) { error in
            XCTAssertEqual("\(error)", "\(oneImage.folder.path): holds images a, \(siren.folder.lastPathComponent) holds a, b; "
                           + "only runs on the same images merge")
        }
    }

    func testGalleriesJoinWithTheGroundTruthOnceAndAMissingPanelIsNamed() throws {
        let truth = Image(height: 2, width: 2, channels: 1, pixels: [0, 0.2, 0.6, 1])
        let flat = Image(height: 2, width: 2, channels: 1, pixels: [0.4, 0.4, 0.4, 0.4])
        let siren = try run(["siren"], gallery: [("a", [GalleryPanel(label: "ground truth", image: truth),
                                                        GalleryPanel(label: "siren", image: flat)])])
        let strainer = try run(["strainer"], gallery: [("a", [GalleryPanel(label: "ground truth", image: truth),
                                                              GalleryPanel(label: "strainer", image: truth)])])
        let merged = try RunMerge.merge([siren, strainer])
        XCTAssertEqual(merged.gallery.map(\.image), ["a"])
        XCTAssertEqual(merged.gallery[0].panels.map(\.label), ["ground truth", "siren", "strainer"])
        XCTAssertEqual(merged.gallery[0].panels.map(\.image.pixels), [truth.pixels, flat.pixels, truth.pixels],
                       "8-bit-exact values survive the PNG round trip")

        let lost = strainer.folder.appendingPathComponent(strainer.summary.gallery[0].panels[1].file)
        try FileManager.default.removeItem(at: lost)
        XCTAssertThrowsError(try RunMerge.merge([siren, strainer])) { error in
            XCTAssertEqual("\(error)", "\(lost.path): image listed in summary.json is missing")
        }
    }
}
