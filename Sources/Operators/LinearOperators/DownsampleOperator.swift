import Foundation

/// The anti-aliasing filter applied before decimation.
public enum DownsampleFilter: String, CaseIterable, Sendable {
    /// Block average: output pixel `(m, n)` is the mean of the `f × f` block it covers.
    case box
    /// Keys' cubic (a = −½) stretched by the factor, `w(d) = cubic(d / f)`, support `|d| < 2f`
    /// (MATLAB `imresize` with antialiasing).
    case bicubic
    /// Gaussian `w(d) = exp(−d² / 2σ²)` truncated at `|d| ≤ ⌈3σ⌉`, σ = `f / 2` unless given.
    case gaussian
}

/// Filtering followed by decimation by an integer `factor` f, separably, per channel:
/// `y = W_r X W_cᵀ` with `W` the `(N/f) × N` matrix whose row `m` holds the filter taps
/// `w(i − c_m)`, `c_m = f·m + (f − 1)/2` (the centre of block `m`), normalised to sum 1.
/// Taps that fall outside the image are reflected back (`−1 → 0`, `N → N − 1`, half-sample symmetric).
///
/// The adjoint scatters with the same taps. The height and width must be multiples of the factor:
/// the operator refuses other sizes rather than cropping silently.
public final class DownsampleOperator: LinearOperator {
    public let inputShape: ImageShape
    public let outputShape: ImageShape
    public let factor: Int
    public let filter: DownsampleFilter
    private let rowTaps: SeparableTaps
    private let columnTaps: SeparableTaps
    /// Intermediate `(H/f) × W × C` buffer.
    private var intermediate: [Float]

    /// Downsampling of `shape` by `factor`; `sigma` only for the Gaussian filter (default `factor / 2`).
    public init(shape: ImageShape, factor: Int, filter: DownsampleFilter, sigma: Double? = nil) throws {
        guard factor >= 1 else {
            throw OperatorError.invalidParameter(owner: "downsample", parameter: "factor", message: "must be ≥ 1, got \(factor)")
        }
        guard shape.height % factor == 0, shape.width % factor == 0 else {
            throw OperatorError.invalidParameter(owner: "downsample", parameter: "factor",
                message: "\(factor) does not divide the image size \(shape.height)×\(shape.width); crop the image to a multiple of \(factor) first")
        }
        if let sigma, !(sigma > 0 && sigma.isFinite) {
            throw OperatorError.invalidParameter(owner: "downsample", parameter: "sigma", message: "must be > 0, got \(sigma)")
        }
        inputShape = shape
        outputShape = ImageShape(height: shape.height / factor, width: shape.width / factor, channels: shape.channels)
        self.factor = factor
        self.filter = filter
        let weight = Self.weightFunction(filter, factor: factor, sigma: sigma ?? Double(factor) / 2)
        rowTaps = SeparableTaps(inputLength: shape.height, factor: factor, support: weight.support, weight: weight.function)
        columnTaps = SeparableTaps(inputLength: shape.width, factor: factor, support: weight.support, weight: weight.function)
        intermediate = [Float](repeating: 0, count: outputShape.height * shape.width * shape.channels)
    }

    /// The filter as a function of the offset `d` from the block centre, and its half-width.
    private static func weightFunction(_ filter: DownsampleFilter, factor: Int, sigma: Double)
        -> (function: @Sendable (Double) -> Double, support: Double) {
        let f = Double(factor)
        switch filter {
        case .box:
            return ({ abs($0) < f / 2 ? 1 : 0 }, f / 2)
        case .bicubic:
            return ({ keysCubic($0 / f) }, 2 * f)
        case .gaussian:
            return ({ exp(-$0 * $0 / (2 * sigma * sigma)) }, (3 * sigma).rounded(.up))
        }
    }

    public var description: String { "downsample(×\(factor), \(filter.rawValue), \(inputShape))" }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        let channels = inputShape.channels, width = inputShape.width
        let rowLength = width * channels
        intermediate.withUnsafeMutableBufferPointer { t in
            // Rows: t(m, ·) = Σ_i W_r(m, i) x(i, ·).
            t.update(repeating: 0)
            for m in 0..<outputShape.height {
                for (i, w) in rowTaps.taps(m) {
                    let source = x.baseAddress! + Int(i) * rowLength, target = t.baseAddress! + m * rowLength
                    for k in 0..<rowLength { target[k] += w * source[k] }
                }
            }
            // Columns: y(m, n, c) = Σ_j W_c(n, j) t(m, j, c).
            for m in 0..<outputShape.height {
                for n in 0..<outputShape.width {
                    for c in 0..<channels {
                        var sum: Float = 0
                        for (j, w) in columnTaps.taps(n) { sum += w * t[(m * width + Int(j)) * channels + c] }
                        y[(m * outputShape.width + n) * channels + c] = sum
                    }
                }
            }
        }
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        let channels = inputShape.channels, width = inputShape.width
        let rowLength = width * channels
        intermediate.withUnsafeMutableBufferPointer { t in
            t.update(repeating: 0)
            for m in 0..<outputShape.height {
                for n in 0..<outputShape.width {
                    for c in 0..<channels {
                        let value = y[(m * outputShape.width + n) * channels + c]
                        for (j, w) in columnTaps.taps(n) { t[(m * width + Int(j)) * channels + c] += w * value }
                    }
                }
            }
            x.update(repeating: 0)
            for m in 0..<outputShape.height {
                for (i, w) in rowTaps.taps(m) {
                    let source = t.baseAddress! + m * rowLength, target = x.baseAddress! + Int(i) * rowLength
                    for k in 0..<rowLength { target[k] += w * source[k] }
                }
            }
        }
    }
}

/// Keys' cubic convolution kernel with `a = −½`.
func keysCubic(_ t: Double) -> Double {
    let t = abs(t), a = -0.5
    if t < 1 { return ((a + 2) * t - (a + 3)) * t * t + 1 }
    if t < 2 { return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a }
    return 0
}

/// The sparse rows of a 1-D decimation matrix: for each output `m`, the input indices and weights, with
/// out-of-range indices reflected into range (weights of coinciding indices added) and weights summing to 1.
struct SeparableTaps {
    private let offsets: [Int]
    private let indices: [Int32]
    private let weights: [Float]

    init(inputLength: Int, factor: Int, support: Double, weight: (Double) -> Double) {
        var offsets = [0], indices: [Int32] = [], weights: [Float] = []
        for m in 0..<inputLength / factor {
            let centre = Double(factor * m) + Double(factor - 1) / 2
            var row: [Int: Double] = [:]
            for i in Int((centre - support).rounded(.down))...Int((centre + support).rounded(.up)) {
                let w = weight(Double(i) - centre)
                if w != 0 { row[reflect(i, length: inputLength), default: 0] += w }
            }
            let sum = row.values.reduce(0, +)
            for (i, w) in row.sorted(by: { $0.key < $1.key }) {
                indices.append(Int32(i))
                weights.append(Float(w / sum))
            }
            offsets.append(indices.count)
        }
        self.offsets = offsets
        self.indices = indices
        self.weights = weights
    }

    /// `(index, weight)` pairs of output `m`.
    func taps(_ m: Int) -> Zip2Sequence<ArraySlice<Int32>, ArraySlice<Float>> {
        zip(indices[offsets[m]..<offsets[m + 1]], weights[offsets[m]..<offsets[m + 1]])
    }
}

/// Half-sample symmetric reflection of `i` into `0..<length`: `−1 → 0`, `length → length − 1`.
func reflect(_ i: Int, length: Int) -> Int {
    let period = 2 * length
    var r = i % period
    if r < 0 { r += period }
    return r < length ? r : period - 1 - r
}
