/// `A ∘ B`: `x ↦ A(B x)`, adjoint `Bᵀ(Aᵀ y)`, through one owned intermediate buffer. Requires
/// `B.outputShape.count == A.inputShape.count` (the shapes may differ, e.g. a complex output read as a vector).
public final class ComposedOperator: LinearOperator {
    public let outer: any LinearOperator
    public let inner: any LinearOperator
    private var intermediate: [Float]

    /// `outer ∘ inner`; throws when `inner`'s output size is not `outer`'s input size.
    public init(_ outer: any LinearOperator, _ inner: any LinearOperator) throws {
        guard inner.outputShape.count == outer.inputShape.count else {
            throw OperatorError.shapeMismatch(what: "composition \(outer) ∘ \(inner)", expected: outer.inputShape,
                                              got: "inner output \(inner.outputShape)")
        }
        self.outer = outer
        self.inner = inner
        intermediate = [Float](repeating: 0, count: inner.outputShape.count)
    }

    public var inputShape: ImageShape { inner.inputShape }
    public var outputShape: ImageShape { outer.outputShape }
    public var outputIsComplex: Bool { outer.outputIsComplex }
    public var description: String { "\(outer) ∘ \(inner)" }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        intermediate.withUnsafeMutableBufferPointer { t in
            inner.apply(x, into: t)
            outer.apply(UnsafeBufferPointer(t), into: y)
        }
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        intermediate.withUnsafeMutableBufferPointer { t in
            outer.adjoint(y, into: t)
            inner.adjoint(UnsafeBufferPointer(t), into: x)
        }
    }
}

/// `α A`, adjoint `α Aᵀ`, normal `α² AᵀA` (fast when `A`'s is).
public final class ScaledOperator: LinearOperator {
    public let base: any LinearOperator
    public let factor: Float

    public init(_ factor: Float, _ base: any LinearOperator) {
        self.base = base
        self.factor = factor
    }

    public var inputShape: ImageShape { base.inputShape }
    public var outputShape: ImageShape { base.outputShape }
    public var outputIsComplex: Bool { base.outputIsComplex }
    public var hasFastNormal: Bool { base.hasFastNormal }
    public var description: String { "\(factor)·\(base)" }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        base.apply(x, into: y)
        for i in y.indices { y[i] *= factor }
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        base.adjoint(y, into: x)
        for i in x.indices { x[i] *= factor }
    }

    public func normal(_ x: UnsafeBufferPointer<Float>, into z: UnsafeMutableBufferPointer<Float>) {
        base.normal(x, into: z)
        for i in z.indices { z[i] *= factor * factor }
    }
}

/// `A + B` for operators with equal input and output shapes; adjoint `Aᵀ + Bᵀ`.
public final class SumOperator: LinearOperator {
    public let first: any LinearOperator
    public let second: any LinearOperator
    private var scratch: [Float]

    /// `first + second`; throws when their shapes differ.
    public init(_ first: any LinearOperator, _ second: any LinearOperator) throws {
        guard first.inputShape == second.inputShape, first.outputShape == second.outputShape else {
            throw OperatorError.shapeMismatch(what: "sum \(first) + \(second)", expected: first.outputShape,
                                              got: "\(second.inputShape) → \(second.outputShape)")
        }
        self.first = first
        self.second = second
        scratch = [Float](repeating: 0, count: max(first.inputShape.count, first.outputShape.count))
    }

    public var inputShape: ImageShape { first.inputShape }
    public var outputShape: ImageShape { first.outputShape }
    public var outputIsComplex: Bool { first.outputIsComplex }
    public var description: String { "(\(first) + \(second))" }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        accumulate(into: y) { first.apply(x, into: $0) } _: { second.apply(x, into: $0) }
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        accumulate(into: x) { first.adjoint(y, into: $0) } _: { second.adjoint(y, into: $0) }
    }

    /// `target ← a() + b()`, `b` evaluated into the scratch buffer.
    private func accumulate(into target: UnsafeMutableBufferPointer<Float>,
                            _ a: (UnsafeMutableBufferPointer<Float>) -> Void,
                            _ b: (UnsafeMutableBufferPointer<Float>) -> Void) {
        a(target)
        scratch.withUnsafeMutableBufferPointer { s in
            let part = UnsafeMutableBufferPointer(rebasing: s[0..<target.count])
            b(part)
            for i in target.indices { target[i] += part[i] }
        }
    }
}

/// `[A₁; A₂; …]`: `x ↦ (A₁x, A₂x, …)` concatenated, for operators sharing one input shape; adjoint
/// `Σ Aᵢᵀ yᵢ`. The output is a flat vector, shape `1 × Σmᵢ × 1`, block `i` at offset `Σ_{j<i} mⱼ`.
public final class StackedOperator: LinearOperator {
    public let blocks: [any LinearOperator]
    public let inputShape: ImageShape
    public let outputShape: ImageShape
    /// Start of each block in the output.
    public let offsets: [Int]
    private var scratch: [Float]

    /// Stacks `blocks` (at least one); throws when their input shapes differ.
    public init(_ blocks: [any LinearOperator]) throws {
        guard let first = blocks.first else {
            throw OperatorError.invalidParameter(owner: "stack", parameter: "blocks", message: "must contain at least one operator")
        }
        for block in blocks where block.inputShape != first.inputShape {
            throw OperatorError.shapeMismatch(what: "stacked \(block)", expected: first.inputShape, got: block.inputShape.description)
        }
        self.blocks = blocks
        inputShape = first.inputShape
        offsets = blocks.reduce(into: [0]) { $0.append($0.last! + $1.outputShape.count) }
        outputShape = ImageShape(height: 1, width: offsets.last!, channels: 1)
        scratch = [Float](repeating: 0, count: first.inputShape.count)
    }

    public var description: String { "[" + blocks.map(\.description).joined(separator: "; ") + "]" }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        for (index, block) in blocks.enumerated() {
            block.apply(x, into: UnsafeMutableBufferPointer(rebasing: y[offsets[index]..<offsets[index + 1]]))
        }
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        x.update(repeating: 0)
        scratch.withUnsafeMutableBufferPointer { s in
            for (index, block) in blocks.enumerated() {
                block.adjoint(UnsafeBufferPointer(rebasing: y[offsets[index]..<offsets[index + 1]]), into: s)
                for i in x.indices { x[i] += s[i] }
            }
        }
    }
}
