/// How ``Image/resized(height:width:method:)`` computes the new samples.
public enum ResizeMethod: Sendable {
    /// Each output pixel is the mean of the input area it covers (exact block means for integer factors);
    /// see ``ResamplingWeights/areaAverage(from:to:)``.
    case areaAverage
    /// Antialiased bicubic (Keys, a = −½, kernel widened by the factor when shrinking), Pillow's `BICUBIC`
    /// convention; see ``ResamplingWeights/bicubic(from:to:)``.
    case bicubic
}

extension Image {
    /// This image resized to `height × width`, separably (columns first, then rows), every channel alike.
    ///
    /// Samples are not clipped: bicubic overshoot near edges may leave `[0, 1]`.
    public func resized(height newHeight: Int, width newWidth: Int, method: ResizeMethod) throws -> Image {
        guard newHeight > 0, newWidth > 0 else {
            throw ImagingError(.invalidArgument, "cannot resize to \(newHeight)×\(newWidth); expected a positive height and width")
        }
        guard height > 0, width > 0 else {
            throw ImagingError(.emptyImage, "cannot resize an empty \(shapeDescription) image; expected at least 1×1 pixels")
        }
        return resampled(columns: ResamplingWeights(method, from: width, to: newWidth),
                         rows: ResamplingWeights(method, from: height, to: newHeight))
    }
}
