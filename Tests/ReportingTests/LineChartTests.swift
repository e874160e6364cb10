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

    func testTicksAreRoundNumbersCoveringTheRange() {
        XCTAssertEqual(LineChart.ticks(0...2000), [0, 500, 1000, 1500, 2000])
        XCTAssertEqual(LineChart.ticks(27...41), [30, 35, 40])
        XCTAssertEqual(LineChart.ticks(0.2...0.9), [0.2, 0.4, 0.6000000000000001, 0.8])
        XCTAssertEqual(LineChart.ticks(5...5), [5])
    }

    func testNamesAreEscaped() {
        let chart = LineChart(title: "a<b", xLabel: "x", yLabel: "y", series: [.init(name: "\"&", points: [(0, 1), (1, 2)])])
        let svg = chart.svg()
        XCTAssertTrue(svg.contains("a&lt;b"))
        XCTAssertTrue(svg.contains("data-name=\"&quot;&amp;\""))
        XCTAssertFalse(svg.contains("a<b"))
    }
}
