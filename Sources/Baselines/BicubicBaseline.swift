import Imaging
import Operators

/// Bicubic super-resolution: the low-resolution measurement `y` enlarged to the input size by
/// ``Imaging/Image/resized(height:width:method:)`` with ``Imaging/ResizeMethod/bicubic`` (Keys a = −½, Pillow's
/// convention). Only for `downsample` and `resize` forwards, whose output is an image of the same content.
public struct BicubicBaseline: Reconstructor, Sendable {
    public init() {}

    public var description: String { "bicubic" }

    public func reconstruct(_ measurement: [Float], through forward: any LinearOperator) throws -> [Float] {
        guard forward is DownsampleOperator || forward is ResizeOperator else {
            throw BaselineError.inapplicable(baseline: "bicubic", forward: forward.description,
                                             appliesTo: "the downsample and resize operators")
        }
        try checkMeasurement(measurement, of: forward, by: "bicubic")
        let low = forward.outputShape, high = forward.inputShape
        let image = Image(height: low.height, width: low.width, channels: low.channels, pixels: measurement)
        return try image.resized(height: high.height, width: high.width, method: .bicubic).pixels
    }
}
