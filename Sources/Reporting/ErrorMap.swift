import Imaging

/// Where a reconstruction is wrong, as a gray picture: `e(i, j) = min(1, gain · mean_c |x(i,j,c) − x̂(i,j,c)|)`, so
/// black is exact and white an error of `1/gain` or more (0.25 at the default gain of 4) in [0, 1] intensity units.
public enum ErrorMap {
    /// The default gain: an error of a quarter of the intensity range saturates.
    public static let gain: Float = 4

    /// The error map of `reconstruction` against `truth`, or nil when their shapes differ.
    public static func of(_ reconstruction: Image, against truth: Image, gain: Float = gain) -> Image? {
        guard reconstruction.hasSameShape(as: truth) else { return nil }
        let channels = truth.channels
        var map = Image(height: truth.height, width: truth.width, channels: 1)
        for pixel in 0..<truth.height * truth.width {
            var sum: Float = 0
            for c in 0..<channels { sum += abs(truth.pixels[pixel * channels + c] - reconstruction.pixels[pixel * channels + c]) }
            map.pixels[pixel] = min(1, gain * sum / Float(channels))
        }
        return map
    }
}
