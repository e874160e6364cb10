import CTIFF
import Foundation

/// TIFF files through libtiff.
///
/// Reads gray (`MinIsBlack`) and RGB images with 8- or 16-bit unsigned integer or 32-bit IEEE float samples,
/// stored in strips or tiles, contiguous or separate planes, with any compression libtiff decodes (none, LZW,
/// Deflate, …). Integer samples become `v / (2^bits − 1)`; float samples are returned unchanged.
///
/// One sample beyond the colour samples is accepted when the file declares it as alpha (ExtraSamples associated
/// or unassociated alpha); it is dropped, as PNG alpha is. Anything else is an error rather than a guess: extra
/// samples of unspecified meaning (e.g. gray plus three more), `MinIsWhite`, palette, YCbCr, CMYK, 1-bit,
/// 32-bit integer, complex or 64-bit samples.
///
/// Writes gray or RGB, 8/16-bit or float32, contiguous strips, with the chosen ``Compression``.
public enum TIFFFile {
    /// How written sample data is compressed. All three are lossless.
    public enum Compression: Sendable {
        case none, lzw, deflate

        var tag: Int {
            switch self {
            case .none: Int(COMPRESSION_NONE)
            case .lzw: Int(COMPRESSION_LZW)
            case .deflate: Int(COMPRESSION_ADOBE_DEFLATE)
            }
        }
    }

    /// The gray (1 channel) or RGB (3 channels) image in the TIFF file at `url` (its first directory). With
    /// `keepingEverySample`, a float32 gray file with extra samples of unspecified meaning — what ``write(_:to:sampleFormat:compression:)``
    /// makes of a float image of any channel count, such as complex k-space (real, imaginary) — is read with
    /// every sample as a channel.
    public static func read(_ url: URL, keepingEverySample: Bool = false) throws -> Image {
        try ImageFileChecks.requireExistingFile(url, format: "TIFF")
        let file = try TIFFHandle(path: url.path, reportingAs: url, mode: "r")
        let layout = try TIFFSampleLayout(file, keepingEverySample: keepingEverySample)
        try ImageFileChecks.requireNonEmpty(height: layout.height, width: layout.width, in: url)
        try ImageFileChecks.requireReasonableSize(height: layout.height, width: layout.width,
                                                  channels: layout.colourChannels, in: url)
        // Allocated once the first strip or tile has decoded: a header declaring a huge image over missing data is
        // refused without filling a gigabyte first.
        var image: Image?
        try layout.forEachChunk(of: file) { chunk, bytes in
            if image == nil { image = Image(height: layout.height, width: layout.width, channels: layout.colourChannels) }
            chunk.copy(bytes, into: &image!, layout: layout)
        }
        guard let image else { throw file.fail(.malformed, "holds no strips or tiles; expected the image's samples") }
        return image
    }

    /// Writes `image` (gray or RGB; as `float32`, any number of channels — channels other than gray or RGB are stored
    /// as one gray sample plus unspecified extra samples) as a TIFF with `sampleFormat` samples and `compression`,
    /// atomically.
    public static func write(_ image: Image, to url: URL, sampleFormat: SampleFormat = .uint8,
                             compression: Compression = .deflate) throws {
        try ImageFileChecks.requireWritable(image, to: url, sampleFormat: sampleFormat,
                                            format: "TIFF", allowed: [.uint8, .uint16, .float32],
                                            anyChannelCount: sampleFormat == .float32)
        let samples = try sampleFormat.hostOrderBytes(of: image, path: url.path)
        try AtomicFile.replace(url) { temporary in
            try write(samples, of: image, to: temporary, reportingAs: url, sampleFormat: sampleFormat,
                      compression: compression)
        }
    }

    private static func write(_ samples: [UInt8], of image: Image, to temporary: URL, reportingAs url: URL,
                              sampleFormat: SampleFormat, compression: Compression) throws {
        let file = try TIFFHandle(path: temporary.path, reportingAs: url, mode: "w")
        try file.set(TIFFTAG_IMAGEWIDTH, image.width)
        try file.set(TIFFTAG_IMAGELENGTH, image.height)
        try file.set(TIFFTAG_SAMPLESPERPIXEL, image.channels)
        try file.set(TIFFTAG_BITSPERSAMPLE, sampleFormat.bits)
        try file.set(TIFFTAG_SAMPLEFORMAT, Int(sampleFormat == .float32 ? SAMPLEFORMAT_IEEEFP : SAMPLEFORMAT_UINT))
        try file.set(TIFFTAG_PHOTOMETRIC, Int(image.channels == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK))
        if image.channels != 1 && image.channels != 3 { try file.setExtraSamples(image.channels - 1) }
        try file.set(TIFFTAG_PLANARCONFIG, Int(PLANARCONFIG_CONTIG))
        try file.set(TIFFTAG_COMPRESSION, compression.tag)
        try file.set(TIFFTAG_ROWSPERSTRIP, Int(TIFFDefaultStripSize(file.tiff, 0)))
        let rowBytes = image.width * image.channels * sampleFormat.bits / 8
        try samples.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            for row in 0..<image.height {
                let start = UnsafeMutableRawPointer(mutating: base + row * rowBytes)
                guard TIFFWriteScanline(file.tiff, start, UInt32(row), 0) == 1 else {
                    throw file.fail(.writeFailed, "cannot write row \(row)")
                }
            }
        }
        guard TIFFFlush(file.tiff) == 1, file.firstError == nil else {
            throw file.fail(.writeFailed, "cannot finish writing the TIFF file")
        }
    }
}
