extension Image {
    /// ITU-R BT.601 luma weights for R, G, B (as Pillow's `convert("L")` and OpenCV use).
    public static let lumaWeights: (red: Double, green: Double, blue: Double) = (0.299, 0.587, 0.114)

    /// The one-channel version of this image: gray images are returned as they are; RGB becomes the luma
    /// `Y = 0.299 R + 0.587 G + 0.114 B` (ITU-R BT.601, on the stored values — no gamma linearisation).
    public func grayscale() throws -> Image {
        switch channels {
        case 1:
            return self
        case 3:
            let (r, g, b) = Self.lumaWeights
            let luma = (0..<pixelCount).map { pixel in
                Float(r * Double(pixels[3 * pixel]) + g * Double(pixels[3 * pixel + 1]) + b * Double(pixels[3 * pixel + 2]))
            }
            return Image(height: height, width: width, channels: 1, pixels: luma)
        default:
            throw ImagingError(.shapeMismatch, "cannot convert a \(shapeDescription) image to gray; expected 1 or 3 channels")
        }
    }

    /// The three-channel version of this image: RGB images are returned as they are; gray is repeated in R, G, B.
    public func rgb() throws -> Image {
        switch channels {
        case 3:
            return self
        case 1:
            return Image(height: height, width: width, channels: 3, pixels: pixels.flatMap { [$0, $0, $0] })
        default:
            throw ImagingError(.shapeMismatch, "cannot convert a \(shapeDescription) image to RGB; expected 1 or 3 channels")
        }
    }
}
