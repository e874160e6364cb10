import Foundation
import Imaging

/// The datasets available to the suite: every `<root>/<name>/manifest.yaml`.
///
/// Loading a split reads each file the manifest lists, checks its SHA-256 and shape, and decodes it, so a
/// missing or altered file is reported by name instead of producing a silently different experiment.
public struct DatasetCatalog: Sendable {
    /// The folder holding one sub-folder per dataset (the repository's `Datasets/`).
    public let root: URL

    /// The name of a dataset's manifest file inside its folder.
    public static let manifestFileName = "manifest.yaml"

    public init(root: URL) {
        self.root = root
    }

    /// Finds the datasets folder: `$STRAINER_DATASETS` if set, else `Datasets/` in the working directory or
    /// in one of its parents, else `Datasets/` beside or above the running executable (a build inside the
    /// repository, such as `.build/release/strainer`).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                              executable: URL = URL(fileURLWithPath: CommandLine.arguments[0])) throws -> DatasetCatalog {
        DatasetCatalog(root: try BundledFolder(name: "Datasets", variable: "STRAINER_DATASETS")
            .locate(environment: environment, workingDirectory: workingDirectory, executable: executable))
    }

    /// The names of the datasets that have a manifest, sorted.
    public func names() throws -> [String] {
        let children = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return children.filter {
            FileManager.default.fileExists(atPath: manifestURL(of: $0).path)
        }.sorted()
    }

    /// The manifest file of dataset `name`.
    public func manifestURL(of name: String) -> URL {
        root.appendingPathComponent(name).appendingPathComponent(Self.manifestFileName)
    }

    /// Reads the manifest of dataset `name`.
    public func manifest(of name: String) throws -> DatasetManifest {
        let url = manifestURL(of: name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            let known = (try? names())?.joined(separator: ", ") ?? ""
            throw FileError(file: url.path, problem: "no dataset named '\(name)'; known datasets: \(known)")
        }
        return try DatasetManifest.read(from: url)
    }

    /// Where the file of `entry` is: its absolute path, or its path relative to the manifest's folder.
    public func location(of entry: DatasetManifest.Entry, in manifest: DatasetManifest) -> URL {
        entry.file.hasPrefix("/") ? URL(fileURLWithPath: entry.file)
            : root.appendingPathComponent(manifest.name).appendingPathComponent(entry.file)
    }

    /// The verified files of one split, in manifest order: each exists and has the SHA-256 its manifest records.
    public func verifiedFiles(of name: String, split: String) throws -> [(entry: DatasetManifest.Entry, url: URL)] {
        let manifest = try manifest(of: name)
        let entries = manifest.entries(inSplit: split)
        guard !entries.isEmpty else {
            throw FileError(file: manifestURL(of: name).path,
                               problem: "dataset '\(name)' has no split '\(split)'; its splits: \(manifest.splits.joined(separator: ", "))")
        }
        return try entries.map { entry in
            let url = location(of: entry, in: manifest)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw FileError(file: url.path, problem: "missing: the manifest of '\(name)' lists it but the file is not there")
            }
            let digest = try SHA256.hexDigest(ofFileAt: url)
            guard digest == entry.sha256 else {
                throw FileError(file: url.path,
                                   problem: "altered: its SHA-256 is \(digest) but the manifest of '\(name)' records \(entry.sha256)")
            }
            return (entry, url)
        }
    }

    /// Loads the images of one split, verified against the manifest, in manifest order; each is named by
    /// its file name without extension.
    public func loadImages(of name: String, split: String) throws -> [(name: String, image: Image)] {
        try verifiedFiles(of: name, split: split).map { entry, url in
            let image = try ImageFile.read(url)
            if let height = entry.height, let width = entry.width, let channels = entry.channels,
               image.height != height || image.width != width || image.channels != channels {
                throw FileError(file: url.path,
                                   problem: "is \(image.shapeDescription) but the manifest of '\(name)' records \(height)×\(width)×\(channels)")
            }
            return (url.deletingPathExtension().lastPathComponent, image)
        }
    }
}
