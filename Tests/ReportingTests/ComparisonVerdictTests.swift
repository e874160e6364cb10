import XCTest
@testable import Reporting

/// The verdict's sentences against numbers worked out by hand from small synthetic curves.
final class ComparisonVerdictTests: XCTestCase {
    /// A curve evaluated every 10 steps from 0, with the given PSNRs and data losses.
    private func curve(_ method: String, _ image: String, psnr: [Double], loss: [Double]? = nil, kind: MethodKind = .prior) -> MethodCurve {
        MethodCurve(problem: "p", image: image, method: method, kind: kind, points: psnr.enumerated().map { index, value in
            CurvePoint(iteration: 10 * index, psnr: value, loss: loss?[index], seconds: Double(index))
        })
    }

    func testAWinningPriorIsNamedWithItsMarginLeadAndSteps() {
        // Image a: random best 30 (step 30), strainer reaches 30 at step 10, best 36. Image b: random best 28 (step 30),
        // strainer reaches 28 at step 20, best 34. Mean bests: strainer 35, random 29 → +6.00 dB.
        // Leads at steps 10/20/30: a: 31−20, 35−25, 36−30; b: 26−18, 30−22, 34−28 → means 9.5, 9.0, 6.0: largest at step 10.
        let curves = [
            curve("random", "a", psnr: [10, 20, 25, 30]), curve("strainer", "a", psnr: [10, 31, 35, 36]),
            curve("random", "b", psnr: [10, 18, 22, 28]), curve("strainer", "b", psnr: [10, 26, 30, 34]),
        ]
        let verdict = ComparisonVerdict(problem: "p", curves: curves, iterations: [10, 20, 30], reference: "random")
        XCTAssertEqual(verdict.sentences, [
            "strainer's best PSNR is 6.00 dB above random's (35.00 against 29.00 dB) and leads by 9.50 dB at step 10; "
                + "strainer reaches random's best in 15 steps on average (2 of 2 images); random does not reach strainer's best within 30 steps.",
        ])
    }

    func testAPriorThatFitsTheMeasurementAsWellButLosesPointsAtWhatTheMeasurementLeavesOpen() {
        let curves = [
            curve("random", "a", psnr: [10, 22, 24, 24], loss: [1, 1e-3, 1e-6, 1e-8]),
            curve("strainer", "a", psnr: [10, 23, 23, 23], loss: [1, 1e-4, 1e-8, 1e-10]),
        ]
        let verdict = ComparisonVerdict(problem: "p", curves: curves, iterations: [10, 20, 30], reference: "random")
        XCTAssertEqual(verdict.sentences.count, 2)
        XCTAssertTrue(verdict.sentences[0].hasPrefix("random's best PSNR is 1.00 dB above strainer's (24.00 against 23.00 dB) and leads by 1.00 dB at step 20; "
                                                     + "strainer does not reach random's best within 30 steps; random reaches strainer's best in 20 steps"),
                      verdict.sentences[0])
        XCTAssertEqual(verdict.sentences[1], "strainer explains the measurement at least as well (data loss 1.0e-10 against 1.0e-08 at step 30), "
                       + "so the gap lies in what the measurement leaves open, which its start fills less well than random's.")
    }

    func testAPriorThatLosesOnANoisyMeasurementPeaksEarlierAndFallsAsBothFitTheNoise() {
        // strainer peaks at step 10 (27) and ends at 25 (fall 2); random peaks at step 20 (28) and ends at 26 (fall 2).
        let curves = [
            curve("random", "a", psnr: [10, 26, 28, 26]), curve("strainer", "a", psnr: [10, 27, 26, 25]),
        ]
        let verdict = ComparisonVerdict(problem: "p", curves: curves, iterations: [10, 20, 30], reference: "random")
        XCTAssertEqual(verdict.sentences.last, "Both fits go on to fit the noise (2.00 and 2.00 dB below their best by step 30); strainer peaks "
                       + "at step 10 on average against 20 for random, fitting the noise before the image is in place.")
    }

    func testATieAndTheBestBaselineAgainstTheBestStart() {
        let curves = [
            curve("random", "a", psnr: [10, 27, 28.00]), curve("strainer", "a", psnr: [10, 28.05, 27]),
            curve("bm3d", "a", psnr: [29.5], kind: .baseline), curve("tv", "a", psnr: [26], kind: .baseline),
        ]
        let verdict = ComparisonVerdict(problem: "p", curves: curves, iterations: [10, 20], reference: "random")
        XCTAssertEqual(verdict.sentences, [
            "strainer and random tie on their best PSNR (28.05 and 28.00 dB); strainer reaches random's best in 10 steps on average (1 of 1 images); "
                + "random does not reach strainer's best within 20 steps.",
            "The best classical baseline, bm3d, reaches 29.50 dB: 1.45 dB above the best INR start, strainer (28.05 dB).",
        ])
    }

    func testTheSummaryKeepsTheVerdictAndTheReportsShowIt() throws {
        let curves = [curve("random", "a", psnr: [10, 20]), curve("strainer", "a", psnr: [10, 30])]
        let report = RunReport(problem: "p", title: "t", configuration: "c: 1\n", curves: curves, tableIterations: [10], reference: "random")
        let sentence = report.verdict.sentences.first ?? ""
        XCTAssertTrue(sentence.hasPrefix("strainer's best PSNR is 10.00 dB above random's"), sentence)
        XCTAssertTrue(MarkdownReport.console(report).hasSuffix(report.verdict.paragraph))
        let folder = try ReportWriter.write(report, under: scratchResults(), suiteVersion: "test")
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(markdown.contains(report.verdict.paragraph))
        XCTAssertTrue(html.contains("<p class=\"verdict\">strainer&#39;s best PSNR is 10.00 dB above"))
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: folder.appendingPathComponent("summary.json")))
        XCTAssertEqual(summary.verdict, report.verdict)
    }
}
