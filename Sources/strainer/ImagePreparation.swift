import ArgumentParser
import Foundation
import Imaging

/// How the CLI brings an image to the size a fit or a prior works at.
enum ImagePreparation {
    /// `image` centre-cropped to a square and resized (area average, which antialiases) to `size`×`size`;
    /// unchanged when `size` is nil or the image already has that size.
    static func prepared(_ image: Image, size: Int?) throws -> Image {
        guard let size else { return image }
        guard size >= 1 else { throw ValidationError("--size is \(size); expected a positive side length") }
        if image.height == size && image.width == size { return image }
        return try image.centerCroppedToSquare().resized(height: size, width: size, method: .areaAverage)
    }

    /// Reads an image file and prepares it.
    static func load(_ path: String, size: Int?) throws -> Image {
        try prepared(ImageFile.read(URL(fileURLWithPath: path)), size: size)
    }
}
