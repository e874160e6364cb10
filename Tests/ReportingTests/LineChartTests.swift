import XCTest
@testable import Reporting

final class LineChartTests: XCTestCase {
    func testPointsMapLinearlyOntoThePlotArea() {
        // Plot area: x from 60 to 640 − 170 = 470, y from 30 to 400 − 45 = 355.
        let chart = LineChart(title: "t", xLabel: "iteration", yLabel: "PSNR (dB)",
                              series: [.init(name: "siren", points: [(0, 10), (100, 20)]),
                                       .init(name: "cg", points: [(0, 15), (100, 15)], dashed: true)])
        XCTAssertEqual(chart.ranges.x, 0...100)
        XCTAssertEqual(chart.ranges.y, 10...20)
        let svg = chart.svg()
        XCTAssertTrue(svg.contains("data-name=\"siren\" points=\"60.0,355.0 470.0,30.0\""), svg)
        XCTAssertTrue(svg.contains("data-name=\"cg\" points=\"60.0,192.5 470.0,192.5\""), svg)
        XCTAssertTrue(svg.contains("stroke-dasharray"))
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertTrue(svg.hasSuffix("</svg>"))
    }

    /// A marked point is a ring at the mapped coordinates, and the legend explains it; no marker, no ring.
    func testAMarkedPointIsARingWithALegend() {
        var siren = LineChart.Series(name: "siren", points: [(0, 10), (100, 20)])
        XCTAssertFalse(LineChart(title: "t", xLabel: "x", yLabel: "y", series: [siren]).svg().contains("<circle"))
        siren.marker = (50, 15)
        let svg = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [siren]).svg()
        XCTAssertTrue(svg.contains("<circle class=\"stop\" data-name=\"siren\" cx=\"265.0\" cy=\"192.5\" r=\"5\""), svg)
        XCTAssertTrue(svg.contains(">discrepancy stop</text>"), svg)
    }

    /// The run's chart takes each method's mean discrepancy stop from its table.
    func testRunChartMarksTheTablesDiscrepancyStops() {
        var curves = ComparisonTableTests.curves.filter { $0.problem == "p" }
        curves[0].discrepancyStop = 50
        curves[1].discrepancyStop = 100
        let table = ComparisonTable(problem: "p", curves: curves, iterations: [50], reference: "siren")
        let chart = LineChart.psnrCurves(of: curves, title: "t", table: table)
        let siren = chart.series.first { $0.name == "siren" }!
        XCTAssertEqual(siren.marker?.x, 75)
        XCTAssertEqual(siren.marker?.y, 25)
        XCTAssertNil(chart.series.first { $0.name == "strainer" }!.marker)
    }

    /// A one-point baseline is a dashed horizontal line over the solvers' iterations (0 … 100); an iterative one
    /// draws its mean iterates, then continues flat at its result.
    func testAnIterativeBaselineDrawsItsIteratesThenItsResult() throws {
        let pnp = [(image: "a", psnrs: [10.0, 20, 24]), (image: "b", psnrs: [12.0, 22, 26])].map { image, psnrs in
            MethodCurve(problem: "p", image: image, method: "pnp", kind: .baseline, points: psnrs.enumerated().map {
                CurvePoint(iteration: $0, psnr: $1, seconds: 0)
            })
        }
        let curves = ComparisonTableTests.curves.filter { $0.problem == "p" } + pnp
        let table = ComparisonTable(problem: "p", curves: curves, iterations: [50], reference: "siren")
        let chart = LineChart.psnrCurves(of: curves, title: "t", table: table)
        let line = try XCTUnwrap(chart.series.first { $0.name == "pnp" })
        XCTAssertTrue(line.dashed)
        XCTAssertEqual(line.points.map(\.x), [0, 1, 2, 100])
        XCTAssertEqual(line.points.map(\.y), [11, 21, 25, 25])
        let cg = try XCTUnwrap(chart.series.first { $0.name == "cg" })
        XCTAssertEqual(cg.points.map(\.x), [0, 100])
        XCTAssertEqual(cg.points.map(\.y), [22, 22])
    }

    /// The largest step of 1, 2 or 5 × 10ᵏ giving 5 to 8 ticks: 500 (1000 gives 3), 2 (5 gives 3), 0.1 (0.2 gives
    /// 0.2, 0.4, 0.6, 0.8), 1 (2 gives 20, 22, 24). 19.08…19.28 gets 4 ticks with 0.05 and 11 with 0.02: the nearer
    /// band edge wins (4 is one short of 5, 11 three past 8).
    func testTicksAreRoundNumbersCoveringTheRange() {
        XCTAssertEqual(AxisScale.ticks(0...2000), [0, 500, 1000, 1500, 2000])
        XCTAssertEqual(AxisScale.ticks(27...41), [28, 30, 32, 34, 36, 38, 40])
        let tenths = AxisScale.ticks(0.2...0.9)
        XCTAssertEqual(tenths.count, 8)
        for (tick, expected) in zip(tenths, [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) { XCTAssertEqual(tick, expected, accuracy: 1e-12) }
        XCTAssertEqual(AxisScale.ticks(20...25), [20, 21, 22, 23, 24, 25])
        XCTAssertEqual(AxisScale.ticks(5...5), [5])
        XCTAssertEqual(AxisScale.step(19.08...19.28), 0.05, accuracy: 1e-12)
        XCTAssertEqual(AxisScale.ticks(19.08...19.28).count, 4)
        XCTAssertEqual(AxisScale.step(19.097...19.27), 0.05, accuracy: 1e-12, "4 ticks or 9 (19.1, 19.12, …, 19.26): a tie, the larger")
        XCTAssertEqual(AxisScale.label(23), "23")
        XCTAssertEqual(AxisScale.label(0.30000000000000004), "0.3")
    }

    /// Ranges widen outwards to their tick step: 23.35…24.05 has step 0.1 (0.2 gives 4 ticks) → 23.3…24.1;
    /// 11.2…24.6 has step 2 (5 gives 15, 20) → 10…26; one value 15 widens to 14.5…15.5, step 0.2 → 14.4…15.6.
    func testNiceRangesEndOnTicks() {
        func assertRange(_ range: ClosedRange<Double>, _ expected: ClosedRange<Double>, line: UInt = #line) {
            XCTAssertEqual(range.lowerBound, expected.lowerBound, accuracy: 1e-9, line: line)
            XCTAssertEqual(range.upperBound, expected.upperBound, accuracy: 1e-9, line: line)
        }
        assertRange(AxisScale.nice(23.35...24.05), 23.3...24.1)
        assertRange(AxisScale.nice(11.2...24.6), 10...26)
        assertRange(AxisScale.nice(15...15), 14.4...15.6)
    }

    /// Two fits from 11 and 14 dB at iteration 0 to 23.5–24 dB at 100, and a baseline at 20.5 dB.
    static let fits = LineChart(title: "t", xLabel: "iteration", yLabel: "PSNR (dB)", series: [
        .init(name: "siren", points: [(0, 11), (10, 20), (20, 22), (50, 23.6), (100, 24)]),
        .init(name: "strainer", points: [(0, 14), (10, 22), (20, 23), (50, 23.9), (100, 23.5)]),
        .init(name: "cg", points: [(0, 20.5), (100, 20.5)], dashed: true),
    ])

    /// From x ≥ 0 + 0.1·100 = 10 the lowest value is siren's 20 dB and the highest 24: the axis is 20…24, ticked
    /// every decibel; iteration 0 is cut, and said to be. With the note's line the plot area is 60…470 × 30…340
    /// (400 − 45 − 15), so siren's (50, 23.6) maps to (60 + 0.5·410, 30 + 0.4/4·310) = (265, 61).
    func testTheFocusedAxisCutsTheFirstTenthAndSaysSo() {
        let chart = Self.fits.focused()
        XCTAssertEqual(chart.ranges.y, 20...24)
        XCTAssertEqual(AxisScale.ticks(chart.ranges.y), [20, 21, 22, 23, 24])
        XCTAssertEqual(chart.notes, ["Cut below the axis: iteration 0 (lowest 11.00)."])
        XCTAssertEqual(Self.fits.notes, [], "the whole range cuts nothing")
        let svg = chart.svg()
        XCTAssertTrue(svg.contains(" 265.0,61.0 "), svg)
        XCTAssertTrue(svg.contains("<svg x=\"60.0\" y=\"30.0\" width=\"410.0\" height=\"310.0\" viewBox=\"60.0 30.0 410.0 310.0\">"),
                      "the lines are clipped to the plot area")
        XCTAssertTrue(svg.contains(">Cut below the axis: iteration 0 (lowest 11.00).</text>"), svg)
        XCTAssertTrue(svg.contains(">24</text>"), "a labelled tick above 20")
    }

    /// The late half, 50…100, spans the solid lines' 23.5…24 dB (step 0.1): 0.5 dB fills the plot's 310 px, where
    /// siren ends above strainer after starting below; the baseline is below the axis throughout.
    func testTheLateStepsZoomOnTheSolidLines() throws {
        let late = try XCTUnwrap(Self.fits.lateSteps(title: "late"))
        XCTAssertEqual(late.ranges.x, 50...100)
        XCTAssertEqual(late.ranges.y.lowerBound, 23.5, accuracy: 1e-9)
        XCTAssertEqual(late.ranges.y.upperBound, 24, accuracy: 1e-9)
        XCTAssertEqual(late.notes, ["Cut below the axis: cg throughout (20.50)."])
        let svg = late.svg()
        // px = 60 + (x − 50)/50·410, py = 30 + (24 − y)/0.5·310: siren's (0, 11) → (−350, 8090), (50, 23.6) → (60, 278),
        // (100, 24) → (470, 30) — the early points far outside, clipped; strainer's (50, 23.9) → (60, 92).
        XCTAssertTrue(svg.contains("data-name=\"siren\" points=\"-350.0,8090.0 -268.0,2510.0 -186.0,1270.0 60.0,278.0 470.0,30.0\""), svg)
        XCTAssertTrue(svg.contains(" 60.0,92.0 470.0,340.0\""), svg)
        XCTAssertTrue(svg.contains(">late</text>"))
        let short = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "a", points: [(0, 1), (100, 2)])])
        XCTAssertNil(short.lateSteps(title: "late"), "one point in the late half: nothing to zoom on")
    }

    func testNamesAreEscaped() {
        let chart = LineChart(title: "a<b", xLabel: "x", yLabel: "y", series: [.init(name: "\"&", points: [(0, 1), (1, 2)])])
        let svg = chart.svg()
        XCTAssertTrue(svg.contains("a&lt;b"))
        XCTAssertTrue(svg.contains("data-name=\"&quot;&amp;\""))
        XCTAssertFalse(svg.contains("a<b"))
    }
}
