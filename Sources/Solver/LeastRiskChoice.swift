import Imaging

/// The iterate a risk-probed fit keeps (``SteinRiskProbe``): the one whose estimate, as the **median of five
/// consecutive estimates** (its own and two on each side; fewer at the ends of the run), is least — the earliest of
/// equals. An estimate that does not hold (``SteinRiskEstimator/holds(_:)``) counts as +∞. One probe's estimate
/// swings from step to step while a fit is unstable (a loss spike and the steps that recover from it: the twin fit
/// spikes at another step or by another amount), and on CT the least single estimate was such a swing, 2.4 dB below
/// the iterate the smoothed estimate keeps; the risk itself changes little over five steps.
public struct LeastRiskChoice: Sendable {
    /// The iterate kept, its median estimate, and its reconstruction (clipped to [0, 1]).
    public let entry: SolverTraceEntry
    public let medianRisk: Double
    public let image: Image
}

/// Follows a fit's estimates step by step, keeping the reconstructions of the last five iterates so that the one
/// chosen when its window closes is at hand.
struct LeastRiskTracker {
    /// Iterates on each side of the one whose median is taken.
    static let halfWindow = 2
    private var recent: [(entry: SolverTraceEntry, value: Double, image: Image)] = []
    private(set) var least: LeastRiskChoice?

    /// Notes the iterate `entry` (whose `risk` is set), with its estimate counted only if it `holds`, and its
    /// reconstruction, which `write` puts into the buffer it is given (the one of the iterate leaving the window, or nil
    /// for a new one: a step then allocates no image unless that one was kept); then takes the median of the iterate
    /// whose window this one closes.
    mutating func record(_ entry: SolverTraceEntry, holds: Bool, image write: (inout Image?) -> Void) {
        var buffer = recent.count == 2 * Self.halfWindow + 1 ? recent.removeFirst().image : nil
        write(&buffer)
        recent.append((entry, holds ? entry.risk! : .infinity, buffer!))
        let center = recent.count - 1 - Self.halfWindow
        if center >= 0 { consider(center) }
    }

    /// At the end of the run: the last iterates, whose windows the run's end cuts short.
    mutating func finish() {
        let first = max(0, recent.count - Self.halfWindow)
        for center in first..<recent.count { consider(center) }
    }

    /// The median over `recent[center − h … center + h]` (as far as it goes), kept if it is the least so far.
    private mutating func consider(_ center: Int) {
        let window = recent[max(0, center - Self.halfWindow)...min(recent.count - 1, center + Self.halfWindow)].map(\.value).sorted()
        let median = window.count % 2 == 1 ? window[window.count / 2] : (window[window.count / 2 - 1] + window[window.count / 2]) / 2
        guard median.isFinite, least.map({ median < $0.medianRisk }) ?? true else { return }
        least = LeastRiskChoice(entry: recent[center].entry, medianRisk: median, image: recent[center].image)
    }
}
