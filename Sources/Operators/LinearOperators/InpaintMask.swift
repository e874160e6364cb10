import Foundation
import SeededRandom

/// A binary pixel mask for inpainting, `height × width`, `1` = observed, `0` = missing; the same for every channel.
public struct InpaintMask: Equatable, Sendable {
    public let height: Int
    public let width: Int
    /// Row-major `0`/`1` values.
    public let values: [Float]

    /// Wraps `values` (row-major, `height · width` of them); entries other than 0 count as observed.
    public init(height: Int, width: Int, values: [Float]) throws {
        try requireMaskSize(values.count, height, width, owner: "inpaint")
        self.height = height
        self.width = width
        self.values = values.map { $0 != 0 ? 1 : 0 }
    }

    /// Exactly `round(fraction · H · W)` observed pixels, chosen by a seeded Fisher–Yates shuffle.
    /// `fraction` is the fraction of pixels **kept** (observed), in `[0, 1]`.
    public static func random(height: Int, width: Int, fraction: Double, seed: UInt64) throws -> InpaintMask {
        guard (0...1).contains(fraction) else {
            throw OperatorError.invalidParameter(owner: "inpaint", parameter: "fraction",
                message: "must be in [0, 1] (the fraction of pixels kept), got \(fraction)")
        }
        var generator = RandomSource(seed: seed)
        var order = Array(0..<height * width)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(generator.next() % UInt64(i + 1)))
        }
        var values = [Float](repeating: 0, count: height * width)
        for index in order.prefix(Int((fraction * Double(height * width)).rounded())) { values[index] = 1 }
        return try InpaintMask(height: height, width: width, values: values)
    }

    /// Everything observed except a centred `blockHeight × blockWidth` rectangle, which starts at row
    /// `(H − blockHeight)/2`, column `(W − blockWidth)/2`.
    public static func block(height: Int, width: Int, blockHeight: Int, blockWidth: Int) throws -> InpaintMask {
        for (name, value, limit) in [("block_height", blockHeight, height), ("block_width", blockWidth, width)]
            where value < 1 || value > limit {
            throw OperatorError.invalidParameter(owner: "inpaint", parameter: name,
                message: "must be in 1...\(limit) (the image size), got \(value)")
        }
        var values = [Float](repeating: 1, count: height * width)
        let top = (height - blockHeight) / 2, left = (width - blockWidth) / 2
        for i in top..<top + blockHeight { for j in left..<left + blockWidth { values[i * width + j] = 0 } }
        return try InpaintMask(height: height, width: width, values: values)
    }

    /// A mask read from a file (see ``readMatrixFile(_:)`` for the formats); nonzero = observed.
    public static func file(_ url: URL) throws -> InpaintMask {
        let matrix = try readMatrixFile(url)
        return try InpaintMask(height: matrix.rows, width: matrix.columns, values: matrix.values)
    }

    /// Fraction of observed pixels.
    public var observedFraction: Double { Double(values.reduce(0, +)) / Double(max(1, values.count)) }
}

/// `y = m ⊙ x` per channel with a binary mask `m`: missing pixels read as 0. Self-adjoint and idempotent,
/// so `Aᵀ = AᵀA = A` and `‖A‖ = 1` unless the mask is empty.
public final class InpaintOperator: LinearOperator {
    public let inputShape: ImageShape
    public var outputShape: ImageShape { inputShape }
    public let mask: InpaintMask

    /// Masking of images of `shape`; throws when the mask's size differs from the image's.
    public init(shape: ImageShape, mask: InpaintMask) throws {
        guard mask.height == shape.height, mask.width == shape.width else {
            throw OperatorError.invalidParameter(owner: "inpaint", parameter: "mask",
                message: "is \(mask.height)×\(mask.width), expected the image size \(shape.height)×\(shape.width)")
        }
        inputShape = shape
        self.mask = mask
    }

    public var hasFastNormal: Bool { true }
    public var description: String {
        "inpaint(\(String(format: "%.1f", 100 * mask.observedFraction))% observed, \(inputShape))"
    }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        let channels = inputShape.channels
        mask.values.withUnsafeBufferPointer { m in
            for p in 0..<inputShape.pixelCount {
                for c in 0..<channels { y[p * channels + c] = m[p] * x[p * channels + c] }
            }
        }
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) { apply(y, into: x) }
    public func normal(_ x: UnsafeBufferPointer<Float>, into z: UnsafeMutableBufferPointer<Float>) { apply(x, into: z) }
}
