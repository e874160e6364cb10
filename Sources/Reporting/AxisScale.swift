import Foundation

/// Round tick values for a chart axis, and ranges widened to them.
///
/// A tick step is 1, 2 or 5 × 10ᵏ: the largest such step that puts between 5 and 8 ticks inside the range (so a
/// 5 dB span is labelled every decibel, not every 5 dB). Successive steps differ by up to 2.5 times, so a range can
/// fall between two steps (4 ticks with one, 10 with the next): then the step whose count is nearer that band,
/// the larger on a tie.
enum AxisScale {
    /// How many ticks an axis should get.
    static let tickCounts = 5...8

    /// The tick step of `range`: of the steps 1, 2 or 5 × 10ᵏ, the largest whose number of multiples inside
    /// `range` is farthest inside (or least outside) `tickCounts`.
    static func step(_ range: ClosedRange<Double>) -> Double {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return 1 }
        let magnitude = pow(10, log10(span).rounded(.down))
        let candidates = (-2...1).flatMap { power in [5.0, 2, 1].map { $0 * magnitude * pow(10, Double(power)) } }
            .sorted(by: >)
        func miss(_ step: Double) -> Int {
            let count = count(range, step: step)
            return max(tickCounts.lowerBound - count, count - tickCounts.upperBound, 0)
        }
        // `min(by:)` keeps the first of equals: the larger step on a tie.
        return candidates.min { miss($0) < miss($1) } ?? 1
    }

    /// The multiples of `step` inside `range`: ⌊hi/step⌋ − ⌈lo/step⌉ + 1.
    static func count(_ range: ClosedRange<Double>, step: Double) -> Int {
        Int((range.upperBound / step + 1e-9).rounded(.down) - (range.lowerBound / step - 1e-9).rounded(.up)) + 1
    }

    /// The tick values of `range`: the multiples of its step inside it (just its bound for an empty range).
    static func ticks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [range.lowerBound] }
        let step = step(range)
        let first = Int((range.lowerBound / step - 1e-9).rounded(.up)), last = Int((range.upperBound / step + 1e-9).rounded(.down))
        return (first...last).map { Double($0) * step }
    }

    /// `range` widened outwards to multiples of its tick step, so the axis ends on round values; an empty range
    /// (one value) is first widened by ½ either side.
    static func nice(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        let span = range.upperBound - range.lowerBound
        let open = span > 0 ? range : (range.lowerBound - 0.5)...(range.upperBound + 0.5)
        let step = step(open)
        return ((open.lowerBound / step + 1e-9).rounded(.down) * step)...((open.upperBound / step - 1e-9).rounded(.up) * step)
    }

    /// A tick's label: an integer without decimals, otherwise the shortest form (`%g`) of the value.
    static func label(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
    }
}
