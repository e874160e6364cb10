import Foundation

/// An SVG line chart of PSNR against iteration, self-contained (no script, no external style).
///
/// Data coordinates map linearly onto the plot area: `px = left + (x − x₀)/(x₁ − x₀)·plotWidth`,
/// `py = top + (y₁ − y)/(y₁ − y₀)·plotHeight`, over the ranges of ``ranges`` (round ticks, ``AxisScale``).
public struct LineChart: Sendable {
    /// One line: solid for an iterative method, dashed and horizontal for a single-value baseline; optionally a
    /// marked point (a ring), such as where the discrepancy principle stops the method.
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var dashed: Bool
        public var marker: (x: Double, y: Double)?

        public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false, marker: (x: Double, y: Double)? = nil) {
            self.name = name
            self.points = points
            self.dashed = dashed
            self.marker = marker
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var width = 640.0
    public var height = 400.0
    /// The x-range drawn, when not every point's; lines are clipped to the plot area.
    public var xRange: ClosedRange<Double>?
    /// The y-range drawn, when not every value's; what it cuts off is named under the chart (``notes``).
    public var yRange: ClosedRange<Double>?

    /// Colour-blind-safe palette (Okabe–Ito).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
    static let margin = (left: 60.0, right: 170.0, top: 30.0, bottom: 45.0)
    /// The height of a line of ``notes`` under the x-axis label.
    static let noteHeight = 15.0

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// The mean PSNR curves of a run: methods as solid lines, baselines dashed — an iterative baseline's iterates
    /// (plug-and-play), then for every baseline a horizontal line at its result across the iterative methods'
    /// range; a ring marks a method's mean discrepancy stop where the run's `table` has one.
    public static func psnrCurves(of curves: [MethodCurve], title: String, table: ComparisonTable) -> LineChart {
        let means = MeanCurve.of(curves)
        let lastIteration = means.filter { $0.kind == .prior }.compactMap { $0.points.last?.iteration }.max() ?? 1
        let series = means.compactMap { mean -> Series? in
            if mean.kind == .baseline {
                guard let last = mean.points.last else { return nil }
                let iterates = mean.points.count > 1 ? mean.points.map { (Double($0.iteration), $0.psnr) } : [(0, last.psnr)]
                let flat = Double(lastIteration) > iterates[iterates.count - 1].0 ? [(Double(lastIteration), last.psnr)] : []
                return Series(name: mean.method, points: iterates + flat, dashed: true)
            }
            let row = table.rows.first { $0.method == mean.method }
            let stop = row.flatMap { row in row.discrepancyStopIteration.flatMap { x in row.discrepancyStopPSNR.map { (x, $0) } } }
            return Series(name: mean.method, points: mean.points.map { (Double($0.iteration), $0.psnr) }, marker: stop)
        }
        return LineChart(title: title, xLabel: "iteration", yLabel: "PSNR (dB)", series: series)
    }

    /// The x and y ranges drawn: `xRange` and `yRange` where set; otherwise x from the smallest to the largest value,
    /// and y over every value, widened to round ticks (``AxisScale/nice(_:)``).
    public var ranges: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let xs = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
        let ys = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        let x0 = xs.min() ?? 0, x1 = max(xs.max() ?? 1, x0 + 1)
        return (xRange ?? x0...x1, yRange ?? AxisScale.nice((ys.min() ?? 0)...(ys.max() ?? 1)))
    }

    /// What the axes leave out, a line for each side of the y-axis: the x values of the points inside the x-range
    /// but beyond the axis, with the most extreme of their values; and the dashed lines (baselines) beyond it
    /// everywhere in the x-range, with their value there. Empty when everything shows.
    public var notes: [String] {
        let (xs, ys) = ranges
        let sides: [(name: String, isOutside: (Double) -> Bool, extreme: ([Double]) -> Double?)] = [
            ("below", { $0 < ys.lowerBound }, { $0.min() }), ("above", { $0 > ys.upperBound }, { $0.max() })]
        return sides.compactMap { side in
            var cut: [(x: Double, y: Double)] = [], baselines: [String] = []
            for line in series {
                let shown = line.points.filter { xs.contains($0.x) && $0.y.isFinite }
                let outside = shown.filter { side.isOutside($0.y) }
                if line.dashed, let last = shown.last, outside.count == shown.count {
                    baselines.append("\(line.name) throughout (\(String(format: "%.2f", last.y)))")
                } else {
                    cut += outside
                }
            }
            var parts = baselines
            if let first = cut.map(\.x).min(), let last = cut.map(\.x).max(), let extreme = side.extreme(cut.map(\.y)) {
                let span = first == last ? AxisScale.label(first) : "\(AxisScale.label(first)) to \(AxisScale.label(last))"
                parts.insert("\(xLabel) \(span) (\(side.name == "below" ? "lowest" : "highest") \(String(format: "%.2f", extreme)))", at: 0)
            }
            return parts.isEmpty ? nil : "Cut \(side.name) the axis: " + parts.joined(separator: "; ") + "."
        }
    }

    /// The chart as an `<svg>` element: the lines inside a nested `<svg>` whose viewport is the plot area (so what
    /// lies beyond the ranges is clipped, with no ids to clash between charts), the notes under the x-axis label.
    public func svg() -> String {
        let m = Self.margin, notes = notes
        let bottom = m.bottom + Double(notes.count) * Self.noteHeight
        let plotWidth = width - m.left - m.right, plotHeight = height - m.top - bottom
        let (xRange, yRange) = ranges
        func px(_ x: Double) -> Double { m.left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plotWidth }
        func py(_ y: Double) -> Double { m.top + (yRange.upperBound - y) / (yRange.upperBound - yRange.lowerBound) * plotHeight }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        let plotArea = "x=\"\(f(m.left))\" y=\"\(f(m.top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\""

        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" "
                     + "viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"sans-serif\" font-size=\"12\">",
                     "<title>\(HTMLText.escape(title))</title>",
                     "<rect \(plotArea) fill=\"none\" stroke=\"#888\"/>"]
        for tick in AxisScale.ticks(xRange) {
            parts.append("<line x1=\"\(f(px(tick)))\" y1=\"\(f(m.top + plotHeight))\" x2=\"\(f(px(tick)))\" y2=\"\(f(m.top + plotHeight + 5))\" stroke=\"#888\"/>")
            parts.append("<text x=\"\(f(px(tick)))\" y=\"\(f(m.top + plotHeight + 18))\" text-anchor=\"middle\">\(AxisScale.label(tick))</text>")
        }
        for tick in AxisScale.ticks(yRange) {
            parts.append("<line x1=\"\(f(m.left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(m.left + plotWidth))\" y2=\"\(f(py(tick)))\" stroke=\"#eee\"/>")
            parts.append("<text x=\"\(f(m.left - 6))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(AxisScale.label(tick))</text>")
        }
        parts.append("<text x=\"\(f(m.left + plotWidth / 2))\" y=\"\(f(m.top + plotHeight + 37))\" text-anchor=\"middle\">\(HTMLText.escape(xLabel))</text>")
        for (index, note) in notes.enumerated() {
            parts.append("<text class=\"note\" x=\"\(f(m.left))\" y=\"\(f(m.top + plotHeight + 37 + Double(index + 1) * Self.noteHeight))\" "
                         + "font-size=\"11\" fill=\"#555\">\(HTMLText.escape(note))</text>")
        }
        parts.append("<text transform=\"translate(14 \(f(m.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTMLText.escape(yLabel))</text>")
        parts.append("<text x=\"\(f(m.left))\" y=\"\(f(m.top - 10))\" font-weight=\"bold\">\(HTMLText.escape(title))</text>")
        parts.append("<svg \(plotArea) viewBox=\"\(f(m.left)) \(f(m.top)) \(f(plotWidth)) \(f(plotHeight))\">")
        var overlay: [String] = []  // the legend and the rings, drawn whole over the plot area's edge
        for (index, line) in series.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            let path = line.points.filter { $0.x.isFinite && $0.y.isFinite }.map { "\(f(px($0.x))),\(f(py($0.y)))" }
            let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
            parts.append("<polyline class=\"series\" data-name=\"\(HTMLText.escape(line.name))\" points=\"\(path.joined(separator: " "))\" "
                         + "fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>")
            if let marker = line.marker, xRange.contains(marker.x), yRange.contains(marker.y) {
                overlay.append(ring(x: px(marker.x), y: py(marker.y), colour: colour, name: line.name))
            }
            let legendY = m.top + 10 + Double(index) * 18
            overlay.append("<line x1=\"\(f(width - m.right + 12))\" y1=\"\(f(legendY))\" x2=\"\(f(width - m.right + 36))\" y2=\"\(f(legendY))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>")
            overlay.append("<text x=\"\(f(width - m.right + 42))\" y=\"\(f(legendY + 4))\">\(HTMLText.escape(line.name))</text>")
        }
        parts.append("</svg>")
        parts += overlay
        if series.contains(where: { $0.marker != nil }) {
            let legendY = m.top + 10 + Double(series.count) * 18
            parts.append(ring(x: width - m.right + 24, y: legendY, colour: "#444", name: nil))
            parts.append("<text x=\"\(f(width - m.right + 42))\" y=\"\(f(legendY + 4))\">discrepancy stop</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// A ring of radius 5 centred on (x, y) in SVG coordinates.
    private func ring(x: Double, y: Double, colour: String, name: String?) -> String {
        let data = name.map { " data-name=\"\(HTMLText.escape($0))\"" } ?? ""
        return "<circle class=\"stop\"\(data) cx=\"\(String(format: "%.1f", x))\" cy=\"\(String(format: "%.1f", y))\" r=\"5\" "
            + "fill=\"white\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
    }
}
