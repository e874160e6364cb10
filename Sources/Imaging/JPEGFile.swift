import Foundation
import _ImagingShims

/// JPEG files through libjpeg-turbo (read only: a measurement a camera wrote). 8-bit baseline or progressive,
/// gray or colour (YCbCr, converted to RGB by libjpeg); intensities are `v / 255`. CMYK and 12-bit files are
/// refused with an error, as is any image above ``ImageFile``'s sample limit, before its pixels are decoded, and any file
/// whose compressed data is truncated or corrupt (libjpeg would fill the missing pixels with gray).
public enum JPEGFile {
    /// The gray (1 channel) or RGB (3 channels) image in the JPEG file at `url`.
    public static func read(_ url: URL) throws -> Image {
        try ImageFileChecks.requireExistingFile(url, format: "JPEG")
        var decoded = ImagingJPEGImage()
        guard imaging_jpeg_read(url.path, UInt64(ImageFileChecks.maximumSampleCount), &decoded) == 0 else {
            let message = withUnsafeBytes(of: decoded.message) { String(cBuffer: $0.bindMemory(to: CChar.self)) }
            throw ImagingError(.malformed, path: url.path, "unreadable JPEG (\(message)); expected a complete 8-bit gray or RGB JPEG file")
        }
        defer { imaging_jpeg_free(&decoded) }
        let count = Int(decoded.height) * Int(decoded.width) * Int(decoded.channels)
        let pixels = (0..<count).map { IntegerScale.uint8.intensity(Int(decoded.samples[$0])) }
        return Image(height: Int(decoded.height), width: Int(decoded.width), channels: Int(decoded.channels), pixels: pixels)
    }
}
