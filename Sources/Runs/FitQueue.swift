import Foundation

/// Hands the fits of a comparison out to the slots that run them at once (each index once, in order), keeps
/// their results by index, and keeps the first error: after it, no fit is handed out and ``failed`` tells running
/// ones to stop.
final class FitQueue<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var slots: [Result?]
    private var failure: Error?

    /// A queue of fits `0..<count`.
    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    /// The next fit's index, or nil when all are handed out or one has failed.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    /// Keeps fit `index`'s result.
    func store(_ result: Result, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    /// Records `error` unless an earlier one is kept.
    func fail(_ error: Error) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }

    /// Whether a fit has failed (the others should stop).
    var failed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return failure != nil
    }

    /// Every result in index order, or the first error.
    func results() throws -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        return slots.map { $0! }
    }
}

/// Ends a fit because another one of the same comparison failed (that failure is what the comparison reports).
struct StoppedByAnotherFit: Error {}
