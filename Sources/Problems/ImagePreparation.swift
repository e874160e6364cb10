import Foundation
import Imaging

/// One clean image ready for an experiment, with where it came from.
public struct PreparedImage: Equatable, Sendable {
    /// The source file's name without extension (`female_058881_ref`), or the phantom's name.
    public var name: String
    public var image: Image
    /// SHA-256 of the source file; nil for synthetic images.
    public var sha256: String?

    public init(name: String, image: Image, sha256: String?) {
        self.name = name
        self.image = image
        self.sha256 = sha256
    }
}

/// How an image is brought to the size and channels an experiment works at: a square of side `size` (the
/// largest central square area-averaged to `size`, or the central `size × size` pixels), then gray (BT.601
/// luma) or RGB. Values are clamped to [0, 1] only by the decoders; area averaging cannot leave that range.
public struct ImagePreparation: Equatable, Sendable {
    /// Side of the prepared square; nil keeps the image's own size (and shape).
    public var size: Int?
    /// 1 or 3; nil keeps the image's own channels.
    public var channels: Int?
    public var method: Preparation

    public init(size: Int?, channels: Int? = nil, method: Preparation = .resize) {
        self.size = size
        self.channels = channels
        self.method = method
    }

    /// `image` prepared: unchanged when it already has the size asked for.
    public func apply(_ image: Image) throws -> Image {
        var result = image
        if let size {
            guard size >= 1 else { throw ImagingError(.invalidArgument, "size is \(size); expected a positive side length") }
            if image.height != size || image.width != size {
                switch method {
                case .resize:
                    result = try image.centerCroppedToSquare().resized(height: size, width: size, method: .areaAverage)
                case .crop:
                    guard image.height >= size, image.width >= size else {
                        throw ImagingError(.invalidArgument,
                                           "a \(image.shapeDescription) image is smaller than the \(size)×\(size) crop; expected at least \(size) rows and columns")
                    }
                    result = try image.centerCropped(height: size, width: size)
                }
            }
        }
        switch channels {
        case nil: return result
        case 1?: return try result.grayscale()
        case 3?: return try result.rgb()
        case let other?: throw ImagingError(.invalidArgument, "channels is \(other); expected 1 (gray) or 3 (RGB)")
        }
    }

    /// The image file at `url`, prepared, named by its file name without extension.
    public func load(_ url: URL) throws -> PreparedImage {
        let source = try ImageFile.read(url)
        let image: Image
        do {
            image = try apply(source)
        } catch let error as ImagingError {
            throw ImagingError(error.kind, path: url.path, error.reason)
        }
        return PreparedImage(name: url.deletingPathExtension().lastPathComponent, image: image,
                             sha256: try SHA256.hexDigest(ofFileAt: url))
    }

    /// The selected images of a dataset split, each verified against its manifest's SHA-256, then prepared.
    public func load(_ selection: DatasetSelection, from catalog: DatasetCatalog) throws -> [PreparedImage] {
        let files = try catalog.verifiedFiles(of: selection.dataset, split: selection.split)
        let chosen: [(entry: DatasetManifest.Entry, url: URL)]
        do {
            chosen = try selection.images.select(from: files) { $0.entry.file }
        } catch {
            throw FileError(file: catalog.manifestURL(of: selection.dataset).path, problem: "split '\(selection.split)': \(error)")
        }
        return try chosen.map { entry, url in
            var prepared = try load(url)
            prepared.sha256 = entry.sha256
            return prepared
        }
    }
}

/// The command line's `--size` and `--images` preparation (`fit`, `train-prior`, `compare-priors`): errors name the options.
extension ImagePreparation {
    /// `image` centre-cropped to a square and area-resized to `size` × `size` (unchanged when `size` is nil), then
    /// brought to `channels` (1: BT.601 luma, 3: RGB; unchanged when nil).
    public static func prepared(_ image: Image, size: Int?, channels: Int? = nil) throws -> Image {
        try checkSizeOption(size)
        return try ImagePreparation(size: size, channels: channels).apply(image)
    }

    /// The image file at `path`, prepared as ``prepared(_:size:)`` does.
    public static func load(_ path: String, size: Int?) throws -> Image {
        try checkSizeOption(size)
        return try ImagePreparation(size: size).load(URL(fileURLWithPath: path)).image
    }

    /// The first `limit` images (all when nil) of a dataset split of the located catalog, verified against
    /// their manifest and prepared as ``prepared(_:size:)`` does, each with its name and its file's SHA-256.
    public static func loadSplit(dataset: String, split: String, limit: Int?, size: Int?, channels: Int? = nil) throws
        -> [(name: String, image: Image, sha256: String)]
    {
        try checkSizeOption(size)
        if let limit, limit < 1 { throw ImagingError(.invalidArgument, "--images is \(limit); expected at least 1") }
        let files = try DatasetCatalog.locate().verifiedFiles(of: dataset, split: split)
        let selected = limit.map { Array(files.prefix($0)) } ?? files
        return try selected.map { entry, url in
            (url.deletingPathExtension().lastPathComponent, try prepared(ImageFile.read(url), size: size, channels: channels), entry.sha256)
        }
    }

    /// Throws when the command line's `--size` is not a positive side length.
    private static func checkSizeOption(_ size: Int?) throws {
        if let size, size < 1 { throw ImagingError(.invalidArgument, "--size is \(size); expected a positive side length") }
    }
}
