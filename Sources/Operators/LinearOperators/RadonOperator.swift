import Foundation
import Parallelism

/// 2-D parallel-beam Radon transform (CT), per channel, by Joseph's method.
///
/// Geometry: pixel `(i, j)` of an `H × W` image has its centre at `x = j − (W−1)/2`, `y = (H−1)/2 − i`
/// (pixel units, `y` up). Angle `k` of `n` is `θ_k = kπ/n` (covering `[0, π)`); detector bin `d` of `D` sits at
/// `s_d = d − (D−1)/2` (spacing 1 pixel, centred on the image centre). `D` defaults to `⌈√(H² + W²)⌉`
/// (`⌈√2·N⌉` for a square). Output row `k`, column `d` is the line integral, in pixel units, of the bilinear
/// interpolant of the image along the ray `x cos θ + y sin θ = s_d`:
///
/// Joseph's method steps along the axis the ray is closest to (columns when `|sin θ| ≥ |cos θ|`, rows
/// otherwise), interpolates linearly between the two nearest pixels of the other axis (zero outside the image)
/// and multiplies by the step length `1/|sin θ|` or `1/|cos θ|`.
///
/// ``adjoint(_:into:)`` is the exact transpose: the same loop scattering the same weights (back-projection).
/// Both work on a copy of the image with a one-pixel zero border, so that the two interpolated pixels are always
/// addressable, and run in parallel over angles; the adjoint accumulates a fixed number of angle blocks in separate
/// buffers and sums them in a fixed order, so results do not depend on thread timing.
public final class RadonOperator: LinearOperator {
    public let inputShape: ImageShape
    public let outputShape: ImageShape
    /// The projection angles `θ_k` in radians.
    public let angles: [Double]
    /// Number of detector bins `D`.
    public var detectors: Int { outputShape.width }
    private static let adjointBlocks = 4
    /// The largest sinogram accepted, 2²⁸ samples (1 GiB of `Float`).
    public static let maximumSampleCount = 1 << 28
    /// The `(H + 2) × (W + 2) × C` zero-bordered image of `apply`, then one such accumulator per angle block of
    /// `adjoint`.
    private var padded: [Float]
    private let paddedCount: Int

    /// A Radon transform of `shape` images with `angleCount` equispaced angles over `[0, π)` and `detectors`
    /// bins (default `⌈√(H² + W²)⌉`).
    public init(shape: ImageShape, angleCount: Int, detectors: Int? = nil) throws {
        guard angleCount >= 1 else {
            throw OperatorError.invalidParameter(owner: "radon", parameter: "angles", message: "must be ≥ 1, got \(angleCount)")
        }
        let defaultDetectors = Int(Double(shape.height * shape.height + shape.width * shape.width).squareRoot().rounded(.up))
        let detectorCount = detectors ?? defaultDetectors
        guard detectorCount >= 1 else {
            throw OperatorError.invalidParameter(owner: "radon", parameter: "detectors", message: "must be ≥ 1, got \(detectorCount)")
        }
        let samples = Double(angleCount) * Double(detectorCount) * Double(shape.channels)
        guard samples <= Double(Self.maximumSampleCount) else {
            throw OperatorError.invalidParameter(owner: "radon", parameter: "angles",
                message: "\(angleCount) angles × \(detectorCount) detectors make a sinogram of \(Int(samples)) samples; at most \(Self.maximumSampleCount)")
        }
        inputShape = shape
        outputShape = ImageShape(height: angleCount, width: detectorCount, channels: shape.channels)
        angles = (0..<angleCount).map { Double($0) * Double.pi / Double(angleCount) }
        paddedCount = (shape.height + 2) * (shape.width + 2) * shape.channels
        padded = [Float](repeating: 0, count: Self.adjointBlocks * paddedCount)
    }

    public var description: String { "radon(\(angles.count) angles, \(detectors) detectors, \(inputShape))" }

    /// One ray's path through the pixel grid: for step `t` along the primary axis, the primary index is `t`
    /// and the secondary coordinate is `start + t · slope`; every sample is weighted by `length`.
    private struct Ray {
        /// True when stepping over columns (`t` = column), false when over rows (`t` = row).
        var alongColumns: Bool
        var start: Double
        var slope: Double
        var length: Float
    }

    private func ray(angle: Int, detector d: Int) -> Ray {
        let theta = angles[angle]
        let c = cos(theta), s = sin(theta)
        let sd = Double(d) - Double(detectors - 1) / 2
        let cx = Double(inputShape.width - 1) / 2, cy = Double(inputShape.height - 1) / 2
        if abs(s) >= abs(c) {
            // Row coordinate at column j: i = cy − y, y = (s_d − x cos θ)/sin θ, x = j − cx.
            return Ray(alongColumns: true, start: cy - sd / s - cx * c / s, slope: c / s, length: Float(1 / abs(s)))
        } else {
            // Column coordinate at row i: j = cx + x, x = (s_d − y sin θ)/cos θ, y = cy − i.
            return Ray(alongColumns: false, start: cx + sd / c - cy * s / c, slope: s / c, length: Float(1 / abs(c)))
        }
    }

    /// Calls `visit(lower, upper, weight)` at every step of the ray that touches the image: `lower` and `upper`
    /// are the flat indices (channel 0) in the zero-bordered image of the two pixels interpolated across the ray,
    /// `weight` the interpolation weight of `upper` (`1 − weight` for `lower`); the caller multiplies by
    /// ``Ray/length``.
    @inline(__always)
    private func walk(_ ray: Ray, _ visit: (Int, Int, Float) -> Void) {
        let height = inputShape.height, width = inputShape.width, channels = inputShape.channels
        let steps = ray.alongColumns ? width : height
        let across = ray.alongColumns ? height : width
        // Index strides, in the bordered image, of one step along the ray and one pixel across it.
        let stepStride = (ray.alongColumns ? 1 : width + 2) * channels
        let acrossStride = (ray.alongColumns ? width + 2 : 1) * channels
        // Steps whose secondary coordinate lies in (−1, across): the others touch no pixel.
        var first = 0, last = steps - 1
        if ray.slope != 0 {
            let a = (-1 - ray.start) / ray.slope, b = (Double(across) - ray.start) / ray.slope
            first = Int(min(max(min(a, b).rounded(.down), 0), Double(steps)))
            last = Int(max(min(max(a, b).rounded(.up), Double(steps - 1)), -1))
        }
        guard first <= last else { return }
        let start = Float(ray.start), slope = Float(ray.slope), limit = Float(across)
        for t in first...last {
            let position = start + Float(t) * slope
            guard position > -1, position < limit else { continue }
            let lower = Int(position + 1)  // ⌊position⌋ + 1: the bordered index of the lower pixel
            let index = (t + 1) * stepStride + lower * acrossStride
            visit(index, index + acrossStride, position + 1 - Float(lower))
        }
    }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        let channels = inputShape.channels, detectors = detectors
        let rowLength = inputShape.width * channels, paddedRowLength = (inputShape.width + 2) * channels
        padded.withUnsafeMutableBufferPointer { image in
            image[0..<paddedCount].update(repeating: 0)  // the adjoint leaves values on the border
            for i in 0..<inputShape.height {
                (image.baseAddress! + (i + 1) * paddedRowLength + channels)
                    .update(from: x.baseAddress! + i * rowLength, count: rowLength)
            }
            let image = UnsafeBufferPointer(image)
            parallelFor(angles.count) { k in
                for d in 0..<detectors {
                    let path = ray(angle: k, detector: d)
                    for c in 0..<channels {
                        var sum: Float = 0
                        walk(path) { lower, upper, weight in
                            sum += image[lower + c] + weight * (image[upper + c] - image[lower + c])
                        }
                        y[(k * detectors + d) * channels + c] = sum * path.length
                    }
                }
            }
        }
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        let channels = inputShape.channels, detectors = detectors, count = paddedCount
        let blocks = Self.adjointBlocks, angleCount = angles.count
        let rowLength = inputShape.width * channels, paddedRowLength = (inputShape.width + 2) * channels
        padded.withUnsafeMutableBufferPointer { buffers in
            buffers.update(repeating: 0)
            parallelFor(blocks) { block in
                let accumulator = buffers.baseAddress! + block * count
                for k in stride(from: block, to: angleCount, by: blocks) {
                    for d in 0..<detectors {
                        let path = ray(angle: k, detector: d)
                        for c in 0..<channels {
                            let value = y[(k * detectors + d) * channels + c] * path.length
                            walk(path) { lower, upper, weight in
                                accumulator[lower + c] += value - weight * value
                                accumulator[upper + c] += weight * value
                            }
                        }
                    }
                }
            }
            for i in 0..<inputShape.height {
                for offset in 0..<rowLength {
                    let index = (i + 1) * paddedRowLength + channels + offset
                    var sum: Float = 0
                    for block in 0..<blocks { sum += buffers[block * count + index] }
                    x[i * rowLength + offset] = sum
                }
            }
        }
    }
}
