import Foundation

/// Full-reference image quality: mean squared error, PSNR and SSIM, with the definitions of scikit-image
/// (`skimage.metrics`), accumulated in `Double`.
public enum ImageMetrics {
    /// `MSE = (1/n) Σ (reference − test)²` over all `n` samples (every pixel and channel).
    public static func meanSquaredError(_ reference: Image, _ test: Image) throws -> Double {
        try requireComparable(reference, test)
        var sum = 0.0
        for (r, t) in zip(reference.pixels, test.pixels) {
            let difference = Double(r) - Double(t)
            sum += difference * difference
        }
        return sum / Double(reference.pixels.count)
    }

    /// Peak signal-to-noise ratio in dB: `10 · log10(dataRange² / MSE)`, MSE over all pixels and channels.
    ///
    /// Identical images give `+∞`.
    public static func psnr(_ reference: Image, _ test: Image, dataRange: Double = 1) throws -> Double {
        10 * log10(dataRange * dataRange / (try meanSquaredError(reference, test)))
    }

    /// Throws unless both images have the same shape and at least one sample.
    static func requireComparable(_ reference: Image, _ test: Image) throws {
        guard reference.hasSameShape(as: test) else {
            throw ImagingError(.shapeMismatch,
                               "images differ in shape: reference is \(reference.shapeDescription), test is \(test.shapeDescription); expected equal shapes")
        }
        guard !reference.pixels.isEmpty else {
            throw ImagingError(.emptyImage, "cannot compare empty \(reference.shapeDescription) images; expected at least 1×1 pixels")
        }
    }
}
