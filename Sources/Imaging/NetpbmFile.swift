import Foundation

/// PGM and PPM files (Netpbm), pure Swift: plain (`P2` gray, `P3` RGB) and raw (`P5`, `P6`), `maxval` 1…65535.
///
/// Intensities are `v / maxval`; raw samples are one byte when `maxval < 256`, else two bytes big-endian.
/// Comments (`#` to end of line) are allowed in the header. Writing produces raw `P5` (gray) or `P6` (RGB) with
/// `maxval` 255 (`uint8`) or 65535 (`uint16`); `.pgm` needs a gray image, `.ppm` an RGB one, `.pnm` takes either.
public enum NetpbmFile {
    /// The gray (`P2`/`P5`) or RGB (`P3`/`P6`) image in the file at `url`.
    public static func read(_ url: URL) throws -> Image {
        try ImageFileChecks.requireExistingFile(url, format: "PGM/PPM")
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImagingError(.cannotOpen, path: url.path, "cannot read: \(error.localizedDescription)")
        }
        var parser = NetpbmParser(bytes: [UInt8](data), url: url)
        return try parser.image()
    }

    /// Writes `image` as raw PGM (gray) or PPM (RGB) with 8- or 16-bit samples, atomically.
    public static func write(_ image: Image, to url: URL, sampleFormat: SampleFormat = .uint8) throws {
        try ImageFileChecks.requireWritable(image, to: url, sampleFormat: sampleFormat,
                                            format: "PGM/PPM", allowed: [.uint8, .uint16])
        let expectedChannels = ["pgm": 1, "ppm": 3][url.pathExtension.lowercased()]
        if let expectedChannels, expectedChannels != image.channels {
            throw ImagingError(.invalidArgument, path: url.path,
                               "cannot store a \(image.channels)-channel image in a .\(url.pathExtension) file; expected \(expectedChannels == 1 ? "a gray image (or .ppm/.pnm)" : "an RGB image (or .pgm/.pnm)")")
        }
        let scale = sampleFormat == .uint16 ? IntegerScale.uint16 : IntegerScale.uint8
        let codes = try scale.codes(of: image, path: url.path)
        var bytes = Array("P\(image.channels == 1 ? 5 : 6)\n\(image.width) \(image.height)\n\(scale.maxCode)\n".utf8)
        bytes.reserveCapacity(bytes.count + codes.count * sampleFormat.bits / 8)
        for code in codes {
            if sampleFormat == .uint16 { bytes.append(UInt8(code >> 8)) }
            bytes.append(UInt8(code & 0xFF))
        }
        try AtomicFile.write(Data(bytes), to: url)
    }
}

/// Reads the header and raster of a Netpbm gray or colour map from its bytes.
private struct NetpbmParser {
    let bytes: [UInt8]
    let url: URL
    var position = 0

    init(bytes: [UInt8], url: URL) {
        self.bytes = bytes
        self.url = url
    }

    private func malformed(_ problem: String) -> ImagingError {
        ImagingError(.malformed, path: url.path, problem)
    }

    mutating func image() throws -> Image {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P") else {
            throw malformed("not a PGM/PPM file (no 'P' magic number); expected P2, P3, P5 or P6")
        }
        let kind = bytes[1]
        let channels: Int, plain: Bool
        switch kind {
        case UInt8(ascii: "2"): (channels, plain) = (1, true)
        case UInt8(ascii: "3"): (channels, plain) = (3, true)
        case UInt8(ascii: "5"): (channels, plain) = (1, false)
        case UInt8(ascii: "6"): (channels, plain) = (3, false)
        default:
            throw ImagingError(.unsupported, path: url.path,
                               "Netpbm type P\(Character(UnicodeScalar(kind))) is not supported; expected P2, P3, P5 or P6")
        }
        position = 2
        let width = try number("width")
        let height = try number("height")
        let maxval = try number("maxval")
        try skipSingleSpaceAfterHeader()
        try ImageFileChecks.requireNonEmpty(height: height, width: width, in: url)
        guard (1...65535).contains(maxval) else {
            throw ImagingError(.unsupported, path: url.path, "maxval \(maxval) is out of range; expected 1…65535")
        }
        try ImageFileChecks.requireReasonableSize(height: height, width: width, channels: channels, in: url)
        let count = height * width * channels
        let codes = plain ? try plainSamples(count) : try rawSamples(count, twoBytes: maxval > 255)
        let scale = IntegerScale(maxCode: maxval)
        var pixels = [Float](repeating: 0, count: count)
        for (index, code) in codes.enumerated() {
            guard code <= maxval else {
                throw malformed("sample \(index) is \(code), above maxval \(maxval); expected 0…\(maxval)")
            }
            pixels[index] = scale.intensity(code)
        }
        return Image(height: height, width: width, channels: channels, pixels: pixels)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Skips white space and `#` comments.
    private mutating func skipSeparators() {
        while position < bytes.count {
            if Self.isSpace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "#") {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// A decimal number after optional separators; `what` names it in the error.
    private mutating func number(_ what: String) throws -> Int {
        skipSeparators()
        var value = 0, digits = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            guard value <= Int(UInt32.max) else { throw malformed("\(what) has too many digits; expected at most \(UInt32.max)") }
            position += 1
            digits += 1
        }
        guard digits > 0 else {
            throw malformed(position < bytes.count ? "\(what) is not a decimal number; expected digits" : "file ends before \(what); expected a complete header and raster")
        }
        return value
    }

    /// The header ends with exactly one white-space byte after maxval; the raster follows.
    private mutating func skipSingleSpaceAfterHeader() throws {
        guard position < bytes.count, Self.isSpace(bytes[position]) else {
            throw malformed("no white space after maxval; expected one white-space byte before the raster")
        }
        position += 1
    }

    private mutating func plainSamples(_ count: Int) throws -> [Int] {
        var codes = [Int]()
        codes.reserveCapacity(min(count, bytes.count - position))  // a corrupt header must not reserve gigabytes
        for index in 0..<count { codes.append(try number("sample \(index) of \(count)")) }
        return codes
    }

    private mutating func rawSamples(_ count: Int, twoBytes: Bool) throws -> [Int] {
        let width = twoBytes ? 2 : 1
        guard bytes.count - position >= count * width else {
            throw malformed("raster is truncated: \(bytes.count - position) bytes; expected \(count * width)")
        }
        let start = position
        position += count * width
        return (0..<count).map { index in
            twoBytes ? Int(bytes[start + 2 * index]) << 8 | Int(bytes[start + 2 * index + 1]) : Int(bytes[start + index])
        }
    }
}
