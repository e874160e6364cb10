import Foundation

/// A 2-D convolution kernel, `height × width` weights in row-major order, normalised to sum 1.
///
/// Its centre (the tap applied to the output pixel's own position) is `((height − 1)/2, (width − 1)/2)` in
/// integer division, the convention of `scipy.signal.fftconvolve(…, mode="same")`.
public struct BlurKernel: Equatable, Sendable {
    public let height: Int
    public let width: Int
    public let weights: [Float]

    /// Wraps `weights` (row-major, `height · width` of them) and rescales them to sum 1.
    /// Throws when the weights are not finite or sum to zero.
    public init(height: Int, width: Int, weights: [Float], source: String = "kernel") throws {
        guard height >= 1, width >= 1, weights.count == height * width else {
            throw OperatorError.invalidParameter(owner: "blur", parameter: "kernel",
                message: "has \(weights.count) weights for a \(height)×\(width) kernel")
        }
        let sum = weights.reduce(0.0) { $0 + Double($1) }
        guard weights.allSatisfy(\.isFinite), abs(sum) > 1e-12 else {
            throw OperatorError.invalidParameter(owner: "blur", parameter: "kernel",
                message: "\(source) has non-finite weights or weights summing to 0; expected a sum > 0")
        }
        self.height = height
        self.width = width
        self.weights = weights.map { Float(Double($0) / sum) }
    }

    /// Row index of the centre tap.
    public var centerRow: Int { (height - 1) / 2 }
    /// Column index of the centre tap.
    public var centerColumn: Int { (width - 1) / 2 }

    /// `k(i, j) ∝ exp(−(u² + v²) / 2σ²)` with `(u, v)` the offset from the centre, on a `(2⌈3σ⌉+1)²` support.
    public static func gaussian(sigma: Double) throws -> BlurKernel {
        guard sigma > 0, sigma.isFinite else {
            throw OperatorError.invalidParameter(owner: "blur", parameter: "sigma", message: "must be > 0, got \(sigma)")
        }
        let radius = Int((3 * sigma).rounded(.up))
        let size = 2 * radius + 1
        let weights = (0..<size * size).map { index -> Float in
            let u = Double(index / size - radius), v = Double(index % size - radius)
            return Float(exp(-(u * u + v * v) / (2 * sigma * sigma)))
        }
        return try BlurKernel(height: size, width: size, weights: weights)
    }

    /// A `size × size` uniform average.
    public static func box(size: Int) throws -> BlurKernel {
        guard size >= 1 else {
            throw OperatorError.invalidParameter(owner: "blur", parameter: "size", message: "must be ≥ 1, got \(size)")
        }
        return try BlurKernel(height: size, width: size, weights: [Float](repeating: 1, count: size * size))
    }

    /// A uniform disk (defocus): weight = area of the pixel square `[u±½] × [v±½]` inside the disk
    /// `u² + v² ≤ radius²`, measured on a 16×16 sub-pixel grid; support `(2⌈radius⌉+1)²`.
    public static func disk(radius: Double) throws -> BlurKernel {
        guard radius > 0, radius.isFinite else {
            throw OperatorError.invalidParameter(owner: "blur", parameter: "radius", message: "must be > 0, got \(radius)")
        }
        let half = Int(radius.rounded(.up)), size = 2 * half + 1, sub = 16
        let weights = (0..<size * size).map { index -> Float in
            let u = Double(index / size - half), v = Double(index % size - half)
            var inside = 0
            for a in 0..<sub {
                for b in 0..<sub {
                    let du = u - 0.5 + (Double(a) + 0.5) / Double(sub), dv = v - 0.5 + (Double(b) + 0.5) / Double(sub)
                    if du * du + dv * dv <= radius * radius { inside += 1 }
                }
            }
            return Float(inside)
        }
        return try BlurKernel(height: size, width: size, weights: weights)
    }

    /// Linear camera motion: a segment of `length` pixels through the centre at `angle` degrees
    /// (counter-clockwise from the +column axis, rows pointing down), rasterised by sampling it at
    /// 8 points per pixel with bilinear splatting; support `(2⌈length/2⌉+1)²`.
    public static func motion(length: Double, angle: Double) throws -> BlurKernel {
        guard length >= 1, length.isFinite else {
            throw OperatorError.invalidParameter(owner: "blur", parameter: "length", message: "must be ≥ 1, got \(length)")
        }
        guard angle.isFinite else {
            throw OperatorError.invalidParameter(owner: "blur", parameter: "angle", message: "must be finite, got \(angle)")
        }
        let half = Int((length / 2).rounded(.up)), size = 2 * half + 1
        var weights = [Float](repeating: 0, count: size * size)
        let radians = angle * Double.pi / 180
        let samples = max(2, Int(8 * length))
        for s in 0..<samples {
            let t = (Double(s) / Double(samples - 1) - 0.5) * length
            let row = Double(half) - t * sin(radians), column = Double(half) + t * cos(radians)
            let r0 = Int(row.rounded(.down)), c0 = Int(column.rounded(.down))
            let fr = Float(row - Double(r0)), fc = Float(column - Double(c0))
            for (dr, wr) in [(0, 1 - fr), (1, fr)] {
                for (dc, wc) in [(0, 1 - fc), (1, fc)] where (0..<size).contains(r0 + dr) && (0..<size).contains(c0 + dc) {
                    weights[(r0 + dr) * size + c0 + dc] += wr * wc
                }
            }
        }
        return try BlurKernel(height: size, width: size, weights: weights)
    }

    /// A kernel read from a file (see ``readMatrixFile(_:)`` for the formats), normalised to sum 1.
    public static func file(_ url: URL) throws -> BlurKernel {
        let matrix = try readMatrixFile(url)
        return try BlurKernel(height: matrix.rows, width: matrix.columns, weights: matrix.values, source: url.path)
    }
}
