import Imaging

/// Antialiased resize of every channel from `H × W` to `h × w`, separably: `y = R_h X R_wᵀ` per channel, with
/// `R_h` (`h × H`) and `R_w` (`w × W`) the one-dimensional resampling matrices of ``Imaging/ResizeMethod``
/// (Pillow's convention: bicubic Keys a = −½ widened by the factor when shrinking, or exact area averages).
///
/// The weights are those of ``Imaging/Image/resized(height:width:method:)`` itself, so `A x` is that resize of
/// `x` up to float rounding — for any sizes, including factors that do not divide the image (178 → 45). The
/// adjoint is the exact transpose, `Aᵀy = R_hᵀ Y R_w` per channel (each weight scatters back to its input sample).
public final class ResizeOperator: LinearOperator {
    public let inputShape: ImageShape
    public let outputShape: ImageShape
    public let method: ResizeMethod
    /// `R_w`, applied along each row.
    private let columnWeights: SparseResampling
    /// `R_h`, applied along each column.
    private let rowWeights: SparseResampling
    /// Intermediate `H × w × C` buffer: the input resampled along its rows only.
    private var intermediate: [Float]

    /// Resize of `shape` images to `height × width` (both ≥ 1).
    public init(shape: ImageShape, height: Int, width: Int, method: ResizeMethod) throws {
        guard height >= 1, width >= 1 else {
            throw OperatorError.invalidParameter(owner: "resize", parameter: "height/width",
                                                 message: "must be ≥ 1, got \(height)×\(width)")
        }
        guard shape.count > 0 else {
            throw OperatorError.invalidParameter(owner: "resize", parameter: "shape",
                                                 message: "cannot resize an empty \(shape) image; expected at least 1×1 pixels")
        }
        inputShape = shape
        outputShape = ImageShape(height: height, width: width, channels: shape.channels)
        self.method = method
        columnWeights = SparseResampling(ResamplingWeights(method, from: shape.width, to: width))
        rowWeights = SparseResampling(ResamplingWeights(method, from: shape.height, to: height))
        intermediate = [Float](repeating: 0, count: shape.height * width * shape.channels)
    }

    public var description: String {
        let name = switch method {
        case .bicubic: "bicubic"
        case .areaAverage: "area"
        }
        return "resize(\(inputShape) → \(outputShape.height)×\(outputShape.width), \(name))"
    }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        let channels = inputShape.channels, width = inputShape.width, newWidth = outputShape.width
        let newRowLength = newWidth * channels
        intermediate.withUnsafeMutableBufferPointer { t in
            // Along rows: t(i, o, c) = Σ_k R_w(o, k) x(i, k, c).
            for i in 0..<inputShape.height {
                for o in 0..<newWidth {
                    for c in 0..<channels {
                        var sum: Float = 0
                        for (k, w) in columnWeights.taps(o) { sum += w * x[(i * width + k) * channels + c] }
                        t[(i * newWidth + o) * channels + c] = sum
                    }
                }
            }
            // Along columns, whole rows at a time: y(p, ·) = Σ_i R_h(p, i) t(i, ·).
            y.update(repeating: 0)
            for p in 0..<outputShape.height {
                let target = y.baseAddress! + p * newRowLength
                for (i, w) in rowWeights.taps(p) {
                    let source = t.baseAddress! + i * newRowLength
                    for k in 0..<newRowLength { target[k] += w * source[k] }
                }
            }
        }
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        let channels = inputShape.channels, width = inputShape.width, newWidth = outputShape.width
        let newRowLength = newWidth * channels
        intermediate.withUnsafeMutableBufferPointer { t in
            // t(i, ·) = Σ_p R_h(p, i) y(p, ·).
            t.update(repeating: 0)
            for p in 0..<outputShape.height {
                let source = y.baseAddress! + p * newRowLength
                for (i, w) in rowWeights.taps(p) {
                    let target = t.baseAddress! + i * newRowLength
                    for k in 0..<newRowLength { target[k] += w * source[k] }
                }
            }
            // x(i, k, c) = Σ_o R_w(o, k) t(i, o, c).
            x.update(repeating: 0)
            for i in 0..<inputShape.height {
                for o in 0..<newWidth {
                    for c in 0..<channels {
                        let value = t[(i * newWidth + o) * channels + c]
                        for (k, w) in columnWeights.taps(o) { x[(i * width + k) * channels + c] += w * value }
                    }
                }
            }
        }
    }
}

/// A ``Imaging/ResamplingWeights`` flattened for the inner loops: the `(input index, weight)` pairs of each
/// output sample, contiguous, in `Float`.
private struct SparseResampling {
    private let offsets: [Int]
    private let indices: [Int]
    private let weights: [Float]

    init(_ resampling: ResamplingWeights) {
        var offsets = [0], indices: [Int] = [], weights: [Float] = []
        for (start, row) in zip(resampling.starts, resampling.weights) {
            indices.append(contentsOf: start..<start + row.count)
            weights.append(contentsOf: row.map(Float.init))
            offsets.append(indices.count)
        }
        self.offsets = offsets
        self.indices = indices
        self.weights = weights
    }

    /// `(input index, weight)` pairs of output sample `o`.
    func taps(_ o: Int) -> Zip2Sequence<ArraySlice<Int>, ArraySlice<Float>> {
        zip(indices[offsets[o]..<offsets[o + 1]], weights[offsets[o]..<offsets[o + 1]])
    }
}
