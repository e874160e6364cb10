import Foundation
import Imaging
import SeededRandom

/// A linear map `A : ℝ^n → ℝ^m` between flat `Float` buffers laid out as images (see ``ImageShape``).
///
/// Conformers implement the allocation-free entry points ``apply(_:into:)`` and ``adjoint(_:into:)``; an
/// iterative solver calls them every step on buffers it owns. The array and ``Imaging/Image`` conveniences in
/// the extension allocate their results and check sizes, throwing ``OperatorError/shapeMismatch(what:expected:got:)``.
///
/// The adjoint is the transpose with respect to the real inner product `⟨u, v⟩ = Σ uᵢvᵢ` of the flat buffers,
/// so `⟨Ax, y⟩ = ⟨x, Aᵀy⟩`; for a complex output (``outputIsComplex``) this is `Re⟨Ax, y⟩_ℂ`.
///
/// Operators own scratch buffers (FFT work arrays), so one instance must not be applied from two threads at once.
public protocol LinearOperator: AnyObject, CustomStringConvertible {
    /// Shape of `x`.
    var inputShape: ImageShape { get }
    /// Shape of `Ax`.
    var outputShape: ImageShape { get }
    /// True when the output channels are `(re, im)` pairs (see ``ImageShape``).
    var outputIsComplex: Bool { get }
    /// True when ``normal(_:into:)`` is faster than `adjoint(apply(x))` and needs no allocation.
    var hasFastNormal: Bool { get }

    /// `y ← A x`. `x.count == inputShape.count`, `y.count == outputShape.count`; every sample of `y` is written.
    func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>)
    /// `x ← Aᵀ y`. `y.count == outputShape.count`, `x.count == inputShape.count`; every sample of `x` is written.
    func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>)
    /// `z ← AᵀA x`. The default computes `Aᵀ(Ax)` through a temporary buffer.
    func normal(_ x: UnsafeBufferPointer<Float>, into z: UnsafeMutableBufferPointer<Float>)
}

extension LinearOperator {
    public var outputIsComplex: Bool { false }
    public var hasFastNormal: Bool { false }

    public func normal(_ x: UnsafeBufferPointer<Float>, into z: UnsafeMutableBufferPointer<Float>) {
        var temporary = [Float](repeating: 0, count: outputShape.count)
        temporary.withUnsafeMutableBufferPointer { apply(x, into: $0) }
        temporary.withUnsafeBufferPointer { adjoint($0, into: z) }
    }

    /// `A x` for a flat buffer; throws when `x.count` is not `inputShape.count`.
    public func apply(_ x: [Float]) throws -> [Float] {
        try checkCount(x.count, inputShape, "\(self) input")
        var y = [Float](repeating: 0, count: outputShape.count)
        x.withUnsafeBufferPointer { xs in y.withUnsafeMutableBufferPointer { apply(xs, into: $0) } }
        return y
    }

    /// `Aᵀ y` for a flat buffer; throws when `y.count` is not `outputShape.count`.
    public func adjoint(_ y: [Float]) throws -> [Float] {
        try checkCount(y.count, outputShape, "\(self) adjoint input")
        var x = [Float](repeating: 0, count: inputShape.count)
        y.withUnsafeBufferPointer { ys in x.withUnsafeMutableBufferPointer { adjoint(ys, into: $0) } }
        return x
    }

    /// `AᵀA x` for a flat buffer; throws when `x.count` is not `inputShape.count`.
    public func normal(_ x: [Float]) throws -> [Float] {
        try checkCount(x.count, inputShape, "\(self) input")
        var z = [Float](repeating: 0, count: inputShape.count)
        x.withUnsafeBufferPointer { xs in z.withUnsafeMutableBufferPointer { normal(xs, into: $0) } }
        return z
    }

    /// `A x` for an image; throws when the image's shape is not ``inputShape``.
    public func apply(_ image: Image) throws -> Image {
        try checkShape(ImageShape(of: image), inputShape, "\(self) input")
        let shape = outputShape
        return Image(height: shape.height, width: shape.width, channels: shape.channels, pixels: try apply(image.pixels))
    }

    /// `Aᵀ y` for an image; throws when the image's shape is not ``outputShape``.
    public func adjoint(_ image: Image) throws -> Image {
        try checkShape(ImageShape(of: image), outputShape, "\(self) adjoint input")
        let shape = inputShape
        return Image(height: shape.height, width: shape.width, channels: shape.channels, pixels: try adjoint(image.pixels))
    }

    /// `‖A‖₂` estimated by `iterations` steps of power iteration on `AᵀA` from a seeded random start:
    /// `v ← AᵀA v / ‖AᵀA v‖`, `‖A‖ ≈ √‖AᵀA v‖`. A lower bound that converges from below.
    public func estimateNorm(iterations: Int = 30, seed: UInt64 = 0) -> Double {
        var generator = RandomSource(seed: seed)
        var v = (0..<inputShape.count).map { _ in Float(generator.standardNormal()) }
        var w = [Float](repeating: 0, count: inputShape.count)
        var norm = sqrt(squaredNorm(v))
        var eigenvalue = 0.0
        for _ in 0..<max(1, iterations) {
            let scale = Float(1 / max(norm, .leastNormalMagnitude))
            for i in v.indices { v[i] *= scale }
            v.withUnsafeBufferPointer { vs in w.withUnsafeMutableBufferPointer { normal(vs, into: $0) } }
            eigenvalue = sqrt(squaredNorm(w))
            swap(&v, &w)
            norm = eigenvalue
        }
        return eigenvalue.squareRoot()
    }

    private func checkCount(_ count: Int, _ shape: ImageShape, _ what: String) throws {
        guard count == shape.count else {
            throw OperatorError.shapeMismatch(what: what, expected: shape, got: "\(count) samples")
        }
    }

    private func checkShape(_ shape: ImageShape, _ expected: ImageShape, _ what: String) throws {
        guard shape == expected else {
            throw OperatorError.shapeMismatch(what: what, expected: expected, got: shape.description)
        }
    }
}

/// `Σ uᵢ²`, accumulated in `Double` (left to right, so the same bits wherever it runs); shared with Baselines.
@inlinable
package func squaredNorm<C: Collection>(_ u: C) -> Double where C.Element == Float {
    u.reduce(0.0) { $0 + Double($1) * Double($1) }
}

/// `Σ uᵢvᵢ`, accumulated in `Double` (left to right); shared with Baselines.
@inlinable
package func dot<C: Collection>(_ u: C, _ v: C) -> Double where C.Element == Float {
    zip(u, v).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
}
