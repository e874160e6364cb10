import Foundation
import _ImagingShims

/// PNG files through libpng: 8- and 16-bit gray, gray+alpha, RGB and RGBA; palette and 1/2/4-bit gray images
/// are expanded to 8 bits.
///
/// Samples are taken exactly as stored: no gamma correction (a gAMA, sRGB or iCCP chunk changes nothing) and
/// **alpha is ignored** — the colour samples of a gray+alpha or RGBA pixel are returned as stored, not composited
/// over any background, and a tRNS transparency chunk is ignored likewise. Intensities are `v / 255` or `v / 65535`.
/// An image above ``ImageFile``'s sample limit is refused from its header, before its pixels are decompressed.
public enum PNGFile {
    /// The gray (1 channel) or RGB (3 channels) image in the PNG file at `url`.
    public static func read(_ url: URL) throws -> Image {
        try ImageFileChecks.requireExistingFile(url, format: "PNG")
        var decoded = ImagingPNGImage()
        let status = imaging_png_read(url.path, UInt64(ImageFileChecks.maximumSampleCount), &decoded)
        if status == IMAGING_PNG_TOO_LARGE {
            try ImageFileChecks.requireReasonableSize(height: Int(decoded.height), width: Int(decoded.width),
                                                      channels: Int(decoded.channels), in: url)
        }
        guard status == 0 else {
            let message = withUnsafeBytes(of: decoded.message) { String(cBuffer: $0.bindMemory(to: CChar.self)) }
            throw ImagingError(.malformed, path: url.path, "unreadable PNG (\(message)); expected a complete, valid PNG file")
        }
        defer { imaging_png_free(&decoded) }
        let height = Int(decoded.height), width = Int(decoded.width), channels = Int(decoded.channels)
        let count = height * width * channels
        let scale = decoded.bitDepth == 16 ? IntegerScale.uint16 : IntegerScale.uint8
        var pixels = [Float](repeating: 0, count: count)
        if decoded.bitDepth == 16 {
            let codes = decoded.samples.assumingMemoryBound(to: UInt16.self)
            for index in 0..<count { pixels[index] = scale.intensity(Int(codes[index])) }
        } else {
            let codes = decoded.samples.assumingMemoryBound(to: UInt8.self)
            for index in 0..<count { pixels[index] = scale.intensity(Int(codes[index])) }
        }
        return Image(height: height, width: width, channels: channels, pixels: pixels)
    }

    /// Writes `image` (gray or RGB) as an 8- or 16-bit PNG, atomically. `float32` is an error: PNG stores integers.
    public static func write(_ image: Image, to url: URL, sampleFormat: SampleFormat = .uint8) throws {
        try ImageFileChecks.requireWritable(image, to: url, sampleFormat: sampleFormat,
                                            format: "PNG", allowed: [.uint8, .uint16])
        let samples = try sampleFormat.hostOrderBytes(of: image, path: url.path)
        try AtomicFile.replace(url) { temporary in
            var message = [CChar](repeating: 0, count: 256)
            guard imaging_png_write(temporary.path, UInt32(image.width), UInt32(image.height), Int32(image.channels),
                                    Int32(sampleFormat.bits), samples, &message, message.count) == 0 else {
                throw ImagingError(.writeFailed, path: url.path, "cannot write PNG: \(String(cBuffer: message))")
            }
        }
    }
}
