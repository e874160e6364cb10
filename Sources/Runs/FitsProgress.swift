import Foundation

/// Progress of a comparison whose fits may run several at once, on stderr through one ``ProgressLine``: the live
/// line shows the status of every running fit and the whole comparison's ETA; finished stages are kept lines.
/// Safe to call from the fits' threads.
final class FitsProgress: @unchecked Sendable {
    private let line = ProgressLine()
    private let lock = NSLock()
    private var statuses: [Int: String] = [:]
    private var stepsDone = 0
    private var totalSteps: Int

    /// Progress over `totalSteps` solver steps in all.
    init(totalSteps: Int) {
        self.totalSteps = max(1, totalSteps)
    }

    /// One more step done; `status` is the fit of `slot` (one slot per fit running at once) as it now stands.
    func step(slot: Int, status: String) {
        lock.lock()
        defer { lock.unlock() }
        stepsDone += 1
        statuses[slot] = status
        line.show(statuses.keys.sorted().map { statuses[$0]! }.joined(separator: " | ") + "  "
                  + line.eta(done: stepsDone, total: totalSteps))
    }

    /// `steps` of the total were taken by an interrupted run (a fit continued from its saved state).
    func resumed(steps: Int) {
        lock.lock()
        defer { lock.unlock() }
        totalSteps = max(1, totalSteps - steps)
    }

    /// A permanent line (a finished fit, a baseline, a fit taken from the journal); `slot`'s status is cleared.
    func keep(_ text: String, clearing slot: Int? = nil) {
        lock.lock()
        defer { lock.unlock() }
        if let slot { statuses[slot] = nil }
        line.show(text, keep: true)
    }
}
