import Dispatch
import Foundation

/// Splits `0..<count` into `parts` contiguous ranges of near-equal size and runs `body(part, range)` for each,
/// concurrently on the dispatch thread pool (serially when `parts` is 1). Used for elementwise passes, where each
/// part writes only its own elements, so the parts never race and the result does not depend on `parts`.
@inlinable
public func forEachPart(count: Int, parts: Int, _ body: (_ part: Int, _ range: Range<Int>) -> Void) {
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

/// Hands out shard indices 0, 1, 2, … to the workers of one pass, each index once (under a lock: a few
/// acquisitions per pass). Kept by the ``Workspace`` and reset by every pass, so a pass allocates nothing.
public final class ShardQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var count = 0

    public init() {}

    /// Starts handing out `0..<count`.
    public func reset(count: Int) {
        lock.lock()
        next = 0
        self.count = count
        lock.unlock()
    }

    /// The next shard index, or nil when all have been handed out.
    public func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

/// Runs `body(worker, shard)` for every shard in `0..<shards` on at most `workers` threads, each worker taking
/// the next shard from `queue` as it finishes one (so a worker slowed by another process holds no one up). What a
/// shard computes never depends on which worker ran it or on how many there were, so sums over shards taken in
/// shard order are the same, bit for bit, on any number of cores.
public func forEachShard(_ shards: Int, workers: Int, queue: ShardQueue, _ body: (_ worker: Int, _ shard: Int) -> Void) {
    let used = max(1, min(workers, shards))
    if used == 1 {
        for shard in 0..<shards { body(0, shard) }
        return
    }
    queue.reset(count: shards)
    // Each shard writes only its own rows and its own partial sums, so sharing `body` across threads is safe.
    nonisolated(unsafe) let body = body
    DispatchQueue.concurrentPerform(iterations: used) { worker in
        while let shard = queue.take() { body(worker, shard) }
    }
}
