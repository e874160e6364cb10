import Dispatch

/// Runs `body(i)` for `i` in `0..<count` on all cores and returns when all are done.
/// The caller guarantees that different iterations write disjoint memory.
public func parallelFor(_ count: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { escapable in
        let unchecked = UncheckedSendable(value: escapable)
        DispatchQueue.concurrentPerform(iterations: count) { unchecked.value($0) }
    }
}

/// Carries a non-`Sendable` closure into `concurrentPerform`; sound only under ``parallelFor(_:_:)``'s contract.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
