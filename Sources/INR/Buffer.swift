/// A fixed-size buffer allocated once and never moved: the storage of a ``Workspace`` and of optimiser state.
/// Its base address is stable for its whole life, which is what lets a training step run without allocating.
public final class Buffer<Element: BitwiseCopyable>: @unchecked Sendable {
    /// The storage; its `baseAddress` never changes.
    public let pointer: UnsafeMutableBufferPointer<Element>

    /// Allocates `count` elements, each set to `value`.
    public init(count: Int, repeating value: Element) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value)
    }

    deinit { pointer.deallocate() }

    /// The base address of the storage (for identity checks: it must not change between steps).
    public var address: UnsafeMutablePointer<Element> { pointer.baseAddress! }
}
