/// `A = I`: the measurement is the image itself (denoising).
public final class IdentityOperator: LinearOperator {
    public let inputShape: ImageShape
    public var outputShape: ImageShape { inputShape }

    public init(shape: ImageShape) { inputShape = shape }

    public var hasFastNormal: Bool { true }
    public var description: String { "identity(\(inputShape))" }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        _ = y.update(fromContentsOf: x)
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        _ = x.update(fromContentsOf: y)
    }

    public func normal(_ x: UnsafeBufferPointer<Float>, into z: UnsafeMutableBufferPointer<Float>) {
        _ = z.update(fromContentsOf: x)
    }
}
