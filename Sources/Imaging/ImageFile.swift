import Foundation

/// Reads and writes images in the format named by the file's extension (case-insensitive):
/// `.png` (``PNGFile``), `.tif`/`.tiff` (``TIFFFile``), `.pgm`/`.ppm`/`.pnm` (``NetpbmFile``), and reads
/// `.jpg`/`.jpeg` (``JPEGFile``; the suite writes no lossy format).
///
/// Integer samples become intensities `v / (2^bits − 1)` in `[0, 1]` (for PGM/PPM `v / maxval`); writing
/// quantises with clipping to `[0, 1]` and round-to-nearest (see ``SampleFormat``). Images read have 1 (gray)
/// or 3 (RGB) channels; alpha and other extra samples are dropped. Every write is atomic (``AtomicFile``).
public enum ImageFile {
    /// The image stored at `url`.
    public static func read(_ url: URL) throws -> Image {
        switch try ImageFileFormat(of: url) {
        case .png: try PNGFile.read(url)
        case .tiff: try TIFFFile.read(url)
        case .netpbm: try NetpbmFile.read(url)
        case .jpeg: try JPEGFile.read(url)
        }
    }

    /// Writes `image` (1 or 3 channels, not empty) to `url` with samples stored as `sampleFormat`.
    ///
    /// TIFF files are Deflate-compressed; `float32` is available for TIFF only.
    public static func write(_ image: Image, to url: URL, sampleFormat: SampleFormat = .uint8) throws {
        switch try ImageFileFormat(of: url) {
        case .png: try PNGFile.write(image, to: url, sampleFormat: sampleFormat)
        case .tiff: try TIFFFile.write(image, to: url, sampleFormat: sampleFormat)
        case .netpbm: try NetpbmFile.write(image, to: url, sampleFormat: sampleFormat)
        case .jpeg:
            throw ImagingError(.unknownExtension, path: url.path, "JPEG is read, not written (it is lossy); expected .png, .tif, .tiff, .pgm or .ppm")
        }
    }
}

/// The file formats ``ImageFile`` knows, told apart by extension.
enum ImageFileFormat {
    case png, tiff, netpbm, jpeg

    init(of url: URL) throws {
        switch url.pathExtension.lowercased() {
        case "png": self = .png
        case "tif", "tiff": self = .tiff
        case "pgm", "ppm", "pnm": self = .netpbm
        case "jpg", "jpeg": self = .jpeg
        default:
            throw ImagingError(.unknownExtension, path: url.path,
                               "unknown image file extension '\(url.pathExtension)'; expected .png, .tif, .tiff, .pgm, .ppm, .pnm, .jpg or .jpeg")
        }
    }
}

/// Checks shared by the readers and writers of every format.
enum ImageFileChecks {
    /// Throws `cannotOpen` unless `url` names an existing regular file (``RegularFile``).
    static func requireExistingFile(_ url: URL, format: String) throws {
        if let problem = RegularFile.problem(at: url, expected: "\(format) file") {
            throw ImagingError(.cannotOpen, path: url.path, problem)
        }
    }

    /// Throws unless `image` has pixels and 1 or 3 channels (any number when `anyChannelCount`), and `sampleFormat`
    /// is one `format` can store.
    static func requireWritable(_ image: Image, to url: URL, sampleFormat: SampleFormat,
                                format: String, allowed: [SampleFormat], anyChannelCount: Bool = false) throws {
        guard image.height > 0, image.width > 0 else {
            throw ImagingError(.emptyImage, path: url.path,
                               "cannot write an empty \(image.height)×\(image.width) image; expected at least 1×1 pixels")
        }
        guard image.channels == 1 || image.channels == 3 || anyChannelCount else {
            throw ImagingError(.invalidArgument, path: url.path,
                               "cannot write \(image.channels) channels; expected 1 (gray) or 3 (RGB)")
        }
        guard allowed.contains(sampleFormat) else {
            let names = allowed.map(\.description).joined(separator: " or ")
            throw ImagingError(.invalidArgument, path: url.path,
                               "\(format) cannot store \(sampleFormat) samples; expected \(names) (use .tif for 32-bit float)")
        }
    }

    /// The most samples a file may declare (2^28, 1 GiB of `Float`): a corrupt header must not exhaust memory.
    static let maximumSampleCount = 1 << 28

    /// Throws `unsupported` when a file declares more than ``maximumSampleCount`` samples (all sizes positive).
    static func requireReasonableSize(height: Int, width: Int, channels: Int, in url: URL) throws {
        guard height <= maximumSampleCount / channels / width else {
            throw ImagingError(.unsupported, path: url.path,
                               "image of \(height)×\(width)×\(channels) samples is too large; expected at most \(maximumSampleCount) samples")
        }
    }

    /// Throws `emptyImage` when a file declares a zero height or width.
    static func requireNonEmpty(height: Int, width: Int, in url: URL) throws {
        guard height > 0, width > 0 else {
            throw ImagingError(.emptyImage, path: url.path, "image is \(height)×\(width); expected at least 1×1 pixels")
        }
    }
}
