import XCTest
@testable import Reporting

/// The comparison table against numbers worked out by hand for a two-image, three-method run.
final class ComparisonTableTests: XCTestCase {
    /// siren is the reference: best 25 dB on image a and 30 dB on b, both at iteration 100. strainer reaches
    /// 25 on a at iteration 50 and 30 on b at 100; the cg baseline never reaches either.
    static let curves: [MethodCurve] = {
        func curve(_ image: String, _ method: String, _ psnrs: [Double], ssim: Bool = true) -> MethodCurve {
            MethodCurve(problem: "p", image: image, method: method, kind: .prior, points: psnrs.enumerated().map { index, psnr in
                CurvePoint(iteration: index * 50, psnr: psnr, ssim: ssim ? psnr / 100 : nil, loss: nil, seconds: Double(index) * 0.5)
            })
        }
        return [
            curve("a", "siren", [10, 20, 25]), curve("b", "siren", [12, 22, 30]),
            curve("a", "strainer", [15, 26, 28]), curve("b", "strainer", [14, 24, 31]),
            MethodCurve(problem: "p", image: "a", method: "cg", kind: .baseline, points: [CurvePoint(iteration: 0, psnr: 21, seconds: 0.1)]),
            MethodCurve(problem: "p", image: "b", method: "cg", kind: .baseline, points: [CurvePoint(iteration: 0, psnr: 23, seconds: 0.3)]),
            MethodCurve(problem: "other", image: "a", method: "siren", kind: .prior, points: [CurvePoint(iteration: 0, psnr: 99, seconds: 0)]),
        ]
    }()

    func testRowsMatchHandComputedMeans() throws {
        let table = ComparisonTable(problem: "p", curves: Self.curves, iterations: [0, 50, 100, 200], reference: "siren")
        XCTAssertEqual(table.rows.map(\.method), ["siren", "strainer", "cg"])
        let siren = table.rows[0], strainer = table.rows[1], cg = table.rows[2]

        XCTAssertEqual(siren.psnrAt, [11, 21, 27.5, nil], "200 is past the curves' end")
        XCTAssertEqual(strainer.psnrAt, [14.5, 25, 29.5, nil])
        XCTAssertEqual(try XCTUnwrap(strainer.ssimAt[1]), 0.25, accuracy: 1e-12)
        XCTAssertEqual(siren.bestPSNR, 27.5)
        XCTAssertEqual(strainer.bestPSNR, 29.5)
        XCTAssertEqual(try XCTUnwrap(strainer.bestSSIM), 0.295, accuracy: 1e-12)
        // Sample standard deviations of the bests: siren 25, 30 → √((2.5² + 2.5²)/1) = √12.5; strainer 28, 31 → √4.5.
        XCTAssertEqual(try XCTUnwrap(siren.bestPSNRDeviation), 12.5.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(strainer.bestPSNRDeviation), 4.5.squareRoot(), accuracy: 1e-12)

        XCTAssertEqual(siren.iterationsToReference, 100)
        XCTAssertEqual(strainer.iterationsToReference, 75)
        XCTAssertEqual(strainer.secondsToReference, 0.75)
        XCTAssertEqual(strainer.imagesReachingReference, 2)

        XCTAssertEqual(cg.kind, .baseline)
        XCTAssertEqual(cg.psnrAt, [nil, nil, nil, nil])
        XCTAssertEqual(cg.bestPSNR, 22)
        XCTAssertEqual(try XCTUnwrap(cg.bestPSNRDeviation), 2.0.squareRoot(), accuracy: 1e-12, "21 and 23")
        XCTAssertNil(cg.iterationsToReference)
        XCTAssertEqual(cg.imagesReachingReference, 0)
    }

    /// An iterative baseline (plug-and-play) whose middle iterate came closer to the truth than its result: its
    /// row shows the result (the last point), mean of 24 and 26, not the iterates' maxima 27 and 28.
    func testAnIterativeBaselinesRowIsItsResultNotItsBestIterate() throws {
        func pnp(_ image: String, _ psnrs: [Double]) -> MethodCurve {
            MethodCurve(problem: "p", image: image, method: "pnp", kind: .baseline, points: psnrs.enumerated().map {
                CurvePoint(iteration: $0, psnr: $1, ssim: $1 / 100, seconds: Double($0))
            })
        }
        let curves = Self.curves + [pnp("a", [8, 27, 24]), pnp("b", [9, 28, 26])]
        let row = try XCTUnwrap(ComparisonTable(problem: "p", curves: curves, iterations: [50], reference: "siren").rows.last)
        XCTAssertEqual(row.method, "pnp")
        XCTAssertEqual(row.bestPSNR, 25)
        XCTAssertEqual(try XCTUnwrap(row.bestSSIM), 0.25, accuracy: 1e-12)
        XCTAssertEqual(row.psnrAt, [nil], "its iterations are not the solvers' steps")
        XCTAssertEqual(curves[curves.count - 1].best?.iteration, 2)
    }

    func testCellsShowSpeedUpAndMissingValues() {
        let table = ComparisonTable(problem: "p", curves: Self.curves, iterations: [50, 200], reference: "siren")
        let (header, rows) = table.cells
        XCTAssertEqual(header, ["method", "50", "200", "best PSNR ± sd / SSIM", "iterations to reach siren", "seconds", "speed-up"])
        XCTAssertEqual(rows[0], ["siren", "21.00 / 0.210", "—", "27.50 ± 3.54 / 0.275", "100", "1.0", "×1.0"])
        XCTAssertEqual(rows[1], ["strainer", "25.00 / 0.250", "—", "29.50 ± 2.12 / 0.295", "75", "0.8", "×1.3"])
        XCTAssertEqual(rows[2], ["cg (baseline)", "—", "—", "22.00 ± 1.41", "—", "—", "—"])
        XCTAssertTrue(table.legend.contains("± the standard deviation of those bests over the images"), table.legend)
        let markdown = MarkdownReport.table(table).split(separator: "\n")
        XCTAssertEqual(markdown[1], "|---|---:|---:|---:|---:|---:|---:|")
        XCTAssertEqual(markdown[3], "| strainer | 25.00 / 0.250 | — | 29.50 ± 2.12 / 0.295 | 75 | 0.8 | ×1.3 |")
    }

    /// With one image there is no spread: no ±, neither in the cells nor in the header or legend.
    func testOneImageHasNoSpread() {
        let table = ComparisonTable(problem: "p", curves: Self.curves.filter { $0.image == "a" }, iterations: [50], reference: "siren")
        XCTAssertNil(table.rows[0].bestPSNRDeviation)
        let (header, rows) = table.cells
        XCTAssertEqual(header[2], "best PSNR / SSIM")
        XCTAssertEqual(rows.map { $0[2] }, ["25.00 / 0.250", "28.00 / 0.280", "21.00"])
        XCTAssertFalse(table.legend.contains("±"))
    }

    /// siren's discrepancy stops: a at 50 (20 dB), b at 100 (30 dB) → mean step 75, mean PSNR 25; strainer stopped
    /// only on a, so its mean is withheld; the baseline has no stop.
    func testDiscrepancyStopColumnsAppearWhenSomeFitStopped() throws {
        var curves = Self.curves
        curves[0].discrepancyStop = 50
        curves[1].discrepancyStop = 100
        curves[2].discrepancyStop = 50
        let table = ComparisonTable(problem: "p", curves: curves, iterations: [50], reference: "siren")
        XCTAssertEqual(table.rows[0].discrepancyStopIteration, 75)
        XCTAssertEqual(table.rows[0].discrepancyStopPSNR, 25)
        XCTAssertEqual(table.rows[1].imagesReachingDiscrepancy, 1)
        XCTAssertNil(table.rows[1].discrepancyStopIteration)
        XCTAssertNil(table.rows[2].imagesReachingDiscrepancy)
        let (header, rows) = table.cells
        XCTAssertEqual(Array(header.suffix(2)), ["discrepancy stop", "PSNR at stop"])
        XCTAssertEqual(Array(rows[0].suffix(2)), ["75", "25.00"])
        XCTAssertEqual(Array(rows[1].suffix(2)), ["— (1/2 images)", "—"])
        XCTAssertEqual(Array(rows[2].suffix(2)), ["—", "—"])
        XCTAssertTrue(table.legend.contains("discrepancy principle"))

        // A summary written before the stop columns existed still reads, without them.
        let old = #"{"problem":"p","iterations":[50],"reference":"siren","rows":[{"method":"siren","kind":"prior","images":1,"#
            + #""psnrAt":[21],"ssimAt":[null],"bestPSNR":25,"imagesReachingReference":1}]}"#
        let decoded = try JSONDecoder().decode(ComparisonTable.self, from: Data(old.utf8))
        XCTAssertNil(decoded.rows[0].imagesReachingDiscrepancy)
        XCTAssertNil(decoded.rows[0].bestPSNRDeviation)
        XCTAssertEqual(decoded.cells.rows[0][2], "25.00")
        XCTAssertEqual(decoded.cells.header.count, 6)
    }

    func testMeanCurvesUseOnlyIterationsEveryImageReached() {
        var curves = Self.curves.filter { $0.problem == "p" }
        curves[1].points.removeLast()  // siren on b stops at 50
        let means = MeanCurve.of(curves)
        XCTAssertEqual(means.map(\.method), ["siren", "strainer", "cg"])
        XCTAssertEqual(means[0].points.map(\.iteration), [0, 50])
        XCTAssertEqual(means[0].points.map(\.psnr), [11, 21])
        XCTAssertEqual(means[2].points.map(\.psnr), [22])
    }
}
