/// Where a chart of fits looks: every fit starts far below where it ends (iteration 0 of a SIREN is ≈ 11 dB, its
/// best ≈ 24 dB), so an axis over every value squeezes the band where methods differ into a few pixels.
extension LineChart {
    /// The share of the x-range, from its start, whose values may fall below the focused y-axis.
    static let warmUp = 0.1

    /// This chart with its y-axis on the values that matter: from the lowest value at or after the first 10 % of
    /// the x-range (x ≥ x₀ + 0.1·(x₁ − x₀); every baseline has its value there) to the highest value anywhere,
    /// widened to round ticks. The early values below are named under the chart (``notes``).
    public func focused() -> LineChart {
        let x = ranges.x
        let start = x.lowerBound + Self.warmUp * (x.upperBound - x.lowerBound)
        let points = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let late = points.filter { $0.x >= start }
        guard let low = (late.isEmpty ? points : late).map(\.y).min(), let high = points.map(\.y).max() else { return self }
        var chart = self
        chart.yRange = AxisScale.nice(low...high)
        return chart
    }

    /// The second half of the x-range, (x₀ + x₁)/2 … x₁, zoomed to where the lines cross: its y-axis over the solid
    /// lines' (the iterative methods') values there, widened to round ticks; a baseline beyond it is named under the
    /// chart. `nil` when no solid line has two points there, so there is nothing to zoom on.
    public func lateSteps(title: String) -> LineChart? {
        let x = ranges.x
        let window = (x.lowerBound + x.upperBound) / 2...x.upperBound
        let solid = series.filter { !$0.dashed }.map { $0.points.filter { window.contains($0.x) && $0.y.isFinite } }
        guard solid.contains(where: { $0.count >= 2 }), let low = solid.joined().map(\.y).min(),
              let high = solid.joined().map(\.y).max() else { return nil }
        var chart = self
        chart.title = title
        (chart.xRange, chart.yRange) = (window, AxisScale.nice(low...high))
        return chart
    }
}
