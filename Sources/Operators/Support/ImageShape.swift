import Imaging

/// The shape of a flat `Float` buffer read as an image: `height × width × channels`, interleaved row-major,
/// exactly the layout of ``Imaging/Image``: sample `(i, j, c)` sits at `(i * width + j) * channels + c`.
///
/// Operators whose output is complex (``MRIOperator``) store it as pairs of channels: channel `2c` holds the
/// real part and channel `2c + 1` the imaginary part of input channel `c`, so per pixel the samples are
/// interleaved `(re, im)` pairs, which is also FFTW's `fftwf_complex` layout.
public struct ImageShape: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Number of rows.
    public var height: Int
    /// Number of columns.
    public var width: Int
    /// Samples per position.
    public var channels: Int

    /// A shape `height × width × channels`.
    public init(height: Int, width: Int, channels: Int = 1) {
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// The shape of an image.
    public init(of image: Image) {
        self.init(height: image.height, width: image.width, channels: image.channels)
    }

    /// Number of samples, `height · width · channels`.
    public var count: Int { height * width * channels }

    /// Number of positions, `height · width`.
    public var pixelCount: Int { height * width }

    /// `H×W×C`, as in ``Imaging/Image/shapeDescription``.
    public var description: String { "\(height)×\(width)×\(channels)" }
}
