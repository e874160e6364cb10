/// A raster image: `height × width × channels` samples of `Float`, interleaved row-major.
///
/// The sample of row `i`, column `j`, channel `c` is stored at
/// `pixels[(i * width + j) * channels + c]`. This is the same layout as a network's output
/// matrix (`N × C` with `N = height · width`, rows in raster order), so an image and a network
/// output convert into each other without a transpose.
///
/// Intensities are nominally in `[0, 1]`; nothing here clips them, because measurements and
/// intermediate reconstructions may leave that range. Writers clip when they quantise.
public struct Image: Equatable, Sendable {
    /// Number of rows.
    public let height: Int
    /// Number of columns.
    public let width: Int
    /// Samples per pixel (1 for gray, 3 for RGB).
    public let channels: Int
    /// Interleaved samples, `height * width * channels` of them.
    public var pixels: [Float]

    /// Wraps existing samples; `pixels.count` must equal `height * width * channels`.
    public init(height: Int, width: Int, channels: Int, pixels: [Float]) {
        precondition(height >= 0 && width >= 0 && channels >= 1, "invalid image shape \(height)×\(width)×\(channels)")
        precondition(pixels.count == height * width * channels,
                     "pixel count \(pixels.count) does not match \(height)×\(width)×\(channels)")
        self.height = height
        self.width = width
        self.channels = channels
        self.pixels = pixels
    }

    /// An image with every sample equal to `value`.
    public init(height: Int, width: Int, channels: Int, repeating value: Float = 0) {
        self.init(height: height, width: width, channels: channels,
                  pixels: [Float](repeating: value, count: height * width * channels))
    }

    /// Number of pixels, `height * width`.
    public var pixelCount: Int { height * width }

    /// The sample at row `row`, column `column`, channel `channel`.
    @inlinable
    public subscript(row: Int, column: Int, channel: Int) -> Float {
        get { pixels[(row * width + column) * channels + channel] }
        set { pixels[(row * width + column) * channels + channel] = newValue }
    }

    /// True when both images have the same height, width and channel count.
    public func hasSameShape(as other: Image) -> Bool {
        height == other.height && width == other.width && channels == other.channels
    }

    /// A short description of the shape, such as `178×178×3`.
    public var shapeDescription: String { "\(height)×\(width)×\(channels)" }
}
