import Dispatch

/// Splits `0..<count` into `parts` contiguous ranges of near-equal size and runs `body(part, range)` for each,
/// concurrently on the dispatch thread pool (serially when `parts` is 1). Used for elementwise passes over
/// the rows of activation matrices; each part writes only its own rows, so the parts never race.
@inlinable
func forEachPart(count: Int, parts: Int, _ body: (_ part: Int, _ range: Range<Int>) -> Void) {
    let parts = max(1, min(parts, count))
    if parts == 1 {
        body(0, 0..<count)
        return
    }
    // The parts touch disjoint rows, so sharing `body` across the pool's threads is safe.
    nonisolated(unsafe) let body = body
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        body(part, (count * part / parts)..<(count * (part + 1) / parts))
    }
}
