import ArgumentParser
import Foundation
import Imaging
import Problems

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

    /// The images of a dataset split, verified against its manifest and prepared: the first `limit` of them when
    /// given, each with its name (file name without extension) and its file's SHA-256.
    static func loadSplit(dataset: String, split: String, limit: Int?, size: Int?) throws
        -> [(name: String, image: Image, sha256: String)]
    {
        var files = try DatasetCatalog.locate().verifiedFiles(of: dataset, split: split)
        if let limit {
            guard limit >= 1 else { throw ValidationError("--images is \(limit); expected at least 1") }
            files = Array(files.prefix(limit))
        }
        return try files.map { entry, url in
            (url.deletingPathExtension().lastPathComponent, try prepared(ImageFile.read(url), size: size), entry.sha256)
        }
    }
}
