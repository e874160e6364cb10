/// How samples are stored in a file.
///
/// Integer samples map to intensities by `v / (2^bits − 1)`, so 0 is black and the largest code is 1.
/// Writing quantises `x` to `round(clip(x, 0, 1) · (2^bits − 1))` (round half away from zero);
/// `float32` stores intensities unchanged, without clipping, and is available for TIFF only.
public enum SampleFormat: Sendable, Equatable, CustomStringConvertible {
    /// 8-bit unsigned integers, codes 0…255.
    case uint8
    /// 16-bit unsigned integers, codes 0…65535.
    case uint16
    /// 32-bit IEEE floats, stored as they are.
    case float32

    /// Bits per sample.
    public var bits: Int {
        switch self {
        case .uint8: 8
        case .uint16: 16
        case .float32: 32
        }
    }

    public var description: String {
        switch self {
        case .uint8: "8-bit unsigned integer"
        case .uint16: "16-bit unsigned integer"
        case .float32: "32-bit float"
        }
    }
}

/// The mapping between unsigned integer codes `0…maxCode` and intensities in `[0, 1]`.
struct IntegerScale {
    /// The code that means intensity 1: `2^bits − 1` for PNG and TIFF, the `maxval` of a PGM/PPM file.
    let maxCode: Int

    static let uint8 = IntegerScale(maxCode: 255)
    static let uint16 = IntegerScale(maxCode: 65535)

    /// The intensity of `code`: `code / maxCode`, correctly rounded (both are exact in `Float`).
    func intensity(_ code: Int) -> Float {
        Float(code) / Float(maxCode)
    }

    /// The code nearest to `clip(x, 0, 1) · maxCode`, or nil for NaN (which has no nearest code).
    func code(_ x: Float) -> Int? {
        if x.isNaN { return nil }
        let clipped = Double(Swift.min(Swift.max(x, 0), 1))
        return Int((clipped * Double(maxCode)).rounded())
    }

    /// The codes of every sample of `image`, or an error naming the first NaN sample and the file.
    func codes(of image: Image, path: String) throws -> [Int] {
        var codes = [Int]()
        codes.reserveCapacity(image.pixels.count)
        for (index, x) in image.pixels.enumerated() {
            guard let code = code(x) else {
                let pixel = index / image.channels
                throw ImagingError(.invalidArgument, path: path,
                                   "sample at row \(pixel / image.width), column \(pixel % image.width), channel \(index % image.channels) is NaN; expected a number to quantise to \(maxCode + 1) levels")
            }
            codes.append(code)
        }
        return codes
    }
}

extension SampleFormat {
    /// The samples of `image` in this format as raw bytes in host byte order, ready for libpng or libtiff:
    /// quantised codes for the integer formats, the floats themselves for `float32`.
    func hostOrderBytes(of image: Image, path: String) throws -> [UInt8] {
        switch self {
        case .uint8:
            return try IntegerScale.uint8.codes(of: image, path: path).map { UInt8($0) }
        case .uint16:
            return try IntegerScale.uint16.codes(of: image, path: path).map { UInt16($0) }
                .withUnsafeBytes { Array($0) }
        case .float32:
            return image.pixels.withUnsafeBytes { Array($0) }
        }
    }
}
