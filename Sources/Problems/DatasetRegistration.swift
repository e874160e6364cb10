import Foundation
import Imaging

/// Builds a manifest for a folder of images, the work behind `strainer datasets add`.
///
/// Without a split, each sub-folder holding images becomes a split of its own name and files directly in
/// the folder form the split `all`; with a split, every file directly in the folder joins that split and the
/// dataset's other splits are kept. Text matrices (`.txt`, such as blur kernels) are listed without a shape. Every
/// path is recorded relative to the manifest's folder, so the dataset moves (to a colleague, to a cluster) with the
/// folder of images beside it; every file left out is named with the reason.
public enum DatasetRegistration {
    /// A registration's outcome: the manifest written, and each file or folder left out with why.
    public struct Outcome {
        public var manifest: DatasetManifest
        public var skipped: [String]
    }

    /// File extensions read as images.
    public static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "tif", "tiff", "pgm", "ppm", "pnm"]
    /// File extensions listed as data without an image shape.
    public static let matrixExtensions: Set<String> = ["txt"]
    /// The split of files placed directly in a dataset folder without sub-folders.
    public static let defaultSplit = "all"

    /// Scans `folder`, writes `<catalog>/<name>/manifest.yaml` and returns the manifest with what was left out.
    ///
    /// - Parameters:
    ///   - split: put every file directly in `folder` into this split (keeping other splits already registered).
    ///   - description: one line saying what the data is (kept from an existing manifest when `nil`).
    ///   - licence: the licence terms in one line (kept from an existing manifest when `nil`).
    public static func register(name: String, folder: URL, split: String?, description: String?, licence: String?,
                                in catalog: DatasetCatalog) throws -> Outcome {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw FileError(file: folder.path, problem: "dataset name '\(name)' must be letters, digits, '-', '_' or '.'")
        }
        let folder = folder.standardizedFileURL.resolvingSymlinksInPath()
        let datasetFolder = catalog.root.appendingPathComponent(name).standardizedFileURL.resolvingSymlinksInPath()
        let manifestURL = catalog.manifestURL(of: name)
        let existing = FileManager.default.fileExists(atPath: manifestURL.path)
            ? try DatasetManifest.read(from: manifestURL) : nil

        let prefix = relativePath(from: datasetFolder, to: folder)
        var entries: [DatasetManifest.Entry]
        var skipped: [String] = []
        if let split {
            entries = try scan(folder, prefix: prefix, split: split, skipped: &skipped)
            entries += (existing?.files ?? []).filter { $0.split != split }
            skipped += try subfolders(of: folder).map { "\(folder.appendingPathComponent($0).path): a folder; with a split given only the files directly in \(folder.path) are read" }
        } else {
            entries = try scan(folder, prefix: prefix, split: defaultSplit, skipped: &skipped)
            for child in try subfolders(of: folder) {
                entries += try scan(folder.appendingPathComponent(child), prefix: prefix + child + "/", split: child, skipped: &skipped)
            }
        }
        guard !entries.isEmpty else {
            throw FileError(file: folder.path,
                               problem: "holds no images (expected files ending in \(imageExtensions.sorted().joined(separator: ", ")))")
        }
        entries.sort { ($0.split, $0.file) < ($1.split, $1.file) }
        let manifest = DatasetManifest(
            name: name,
            description: description ?? existing?.description ?? "images registered from \(folder.path)",
            licence: licence ?? existing?.licence ?? "unspecified: see the licence of the source folder",
            source: sourceFile(in: folder, prefix: prefix) ?? existing?.source,
            files: entries)
        try FileManager.default.createDirectory(at: manifestURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manifest.write(to: manifestURL)
        return Outcome(manifest: manifest, skipped: skipped)
    }

    /// The path of `folder` relative to `base` with `/` separators and a trailing `/` (`""` for the same folder):
    /// `../` for each of `base`'s components past their common ancestor, then the rest of `folder`'s.
    static func relativePath(from base: URL, to folder: URL) -> String {
        let from = base.pathComponents, to = folder.pathComponents
        let common = zip(from, to).prefix { $0 == $1 }.count
        let parts = Array(repeating: "..", count: from.count - common) + to.dropFirst(common)
        return parts.map { $0 + "/" }.joined()
    }

    private static func scan(_ folder: URL, prefix: String, split: String, skipped: inout [String]) throws -> [DatasetManifest.Entry] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw FileError(file: folder.path, problem: "cannot list the folder (\(error.localizedDescription))")
        }
        let known = (imageExtensions.union(matrixExtensions)).sorted().joined(separator: ", ")
        return try names.compactMap { fileName in
            let url = folder.appendingPathComponent(fileName)
            let fileExtension = url.pathExtension.lowercased()
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            let sha256 = { try SHA256.hexDigest(ofFileAt: url) }
            if imageExtensions.contains(fileExtension) {
                let image = try ImageFile.read(url)
                return DatasetManifest.Entry(file: prefix + fileName, split: split, height: image.height,
                                             width: image.width, channels: image.channels, sha256: try sha256())
            }
            if matrixExtensions.contains(fileExtension), !isProvenance(fileName) {
                return DatasetManifest.Entry(file: prefix + fileName, split: split, height: nil, width: nil,
                                             channels: nil, sha256: try sha256())
            }
            if !isDirectory.boolValue && !isProvenance(fileName) {
                skipped.append("\(url.path): not read (a '.\(fileExtension)' file; images and matrices end in \(known))")
            }
            return nil
        }
    }

    private static func subfolders(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }

    /// Provenance and licence texts are recorded as `source`, never as data.
    private static func isProvenance(_ fileName: String) -> Bool {
        let upper = fileName.uppercased()
        return upper.hasPrefix("SOURCE") || upper.hasPrefix("LICENSE") || upper.hasPrefix("LICENCE") || upper.hasPrefix("README")
    }

    private static func sourceFile(in folder: URL, prefix: String) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? []
        return names.first(where: isProvenance).map { prefix + $0 }
    }
}
