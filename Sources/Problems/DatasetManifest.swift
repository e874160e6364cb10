import Foundation
import Imaging
import Yams

/// The manifest of one dataset: `Datasets/<name>/manifest.yaml`.
///
/// It lists every file with its split, shape and SHA-256, so that a load can prove the bytes are the ones
/// the manifest was written for. A file's path is relative to the manifest's own folder, or absolute for
/// images kept elsewhere (a user's folder registered with `strainer datasets add`).
public struct DatasetManifest: Codable, Equatable, Sendable {
    /// One file of the dataset.
    public struct Entry: Codable, Equatable, Sendable {
        /// Path relative to the manifest's folder (with `/` separators), or an absolute path.
        public var file: String
        /// The split the file belongs to (`train`, `val`, `all`, …).
        public var split: String
        /// Image rows; absent for files that are not images (kernels as text matrices).
        public var height: Int?
        /// Image columns; absent for files that are not images.
        public var width: Int?
        /// Samples per pixel; absent for files that are not images.
        public var channels: Int?
        /// Lowercase hexadecimal SHA-256 of the file's bytes.
        public var sha256: String

        public init(file: String, split: String, height: Int?, width: Int?, channels: Int?, sha256: String) {
            self.file = file
            self.split = split
            self.height = height
            self.width = width
            self.channels = channels
            self.sha256 = sha256
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case file, split, height, width, channels, sha256 }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let values = try decoder.container(keyedBy: CodingKeys.self)
            file = try values.decode(String.self, forKey: .file)
            split = try values.decode(String.self, forKey: .split)
            height = try values.decodeIfPresent(Int.self, forKey: .height)
            width = try values.decodeIfPresent(Int.self, forKey: .width)
            channels = try values.decodeIfPresent(Int.self, forKey: .channels)
            sha256 = try values.decode(String.self, forKey: .sha256)
        }
    }

    /// The dataset's name, as used by `--dataset`.
    public var name: String
    /// One line saying what the data is.
    public var description: String
    /// The licence terms, in one line; the full text is in ``source``.
    public var licence: String
    /// The file (relative to the manifest's folder) holding the provenance and licence text.
    public var source: String?
    /// The files, sorted by split and path.
    public var files: [Entry]

    public init(name: String, description: String, licence: String, source: String?, files: [Entry]) {
        self.name = name
        self.description = description
        self.licence = licence
        self.source = source
        self.files = files
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, description, licence, source, files }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let values = try decoder.container(keyedBy: CodingKeys.self)
        name = try values.decode(String.self, forKey: .name)
        description = try values.decode(String.self, forKey: .description)
        licence = try values.decode(String.self, forKey: .licence)
        source = try values.decodeIfPresent(String.self, forKey: .source)
        files = try values.decode([Entry].self, forKey: .files)
    }

    /// The split names, in order of first appearance.
    public var splits: [String] {
        var seen: [String] = []
        for entry in files where !seen.contains(entry.split) { seen.append(entry.split) }
        return seen
    }

    /// The entries of one split.
    public func entries(inSplit split: String) -> [Entry] { files.filter { $0.split == split } }

    /// Reads and validates a manifest file.
    public static func read(from url: URL) throws -> DatasetManifest {
        let text = try RegularFile.readText(url, expected: "dataset manifest", maximumBytes: SafeYAML.maximumBytes)
        do {
            return try SafeYAML.decode(DatasetManifest.self, from: text)
        } catch let error as DecodingError {
            throw FileError(file: url.path, problem: error.readableDescription)
        } catch let error as YAMLRefusal {
            throw FileError(file: url.path, problem: error.description)
        }
    }

    /// Writes the manifest as YAML, atomically.
    public func write(to url: URL) throws {
        let header = "# Dataset manifest, written by `strainer datasets add`: every file with its split, shape and SHA-256.\n"
        let encoder = YAMLEncoder()
        encoder.options.allowUnicode = true
        encoder.options.width = -1
        let body = try encoder.encode(self)
        try AtomicFile.write(Data((header + body).utf8), to: url)
    }
}
