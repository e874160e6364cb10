import Foundation

/// Bytes handed to a reader that takes a path: written to a fresh temporary file (the name ends in the
/// extension that selects the format), read, and removed.
enum ScratchFile {
    /// Where the files go: `$TMPDIR` or `/tmp`.
    static let directory = FileManager.default.temporaryDirectory

    /// What `read` makes of `bytes` stored in a file whose name ends in `.extension`.
    static func read<Result>(_ bytes: Data, extension: String, with read: (URL) throws -> Result) throws -> Result {
        let url = directory.appendingPathComponent("strainer-input-\(UUID().uuidString).\(`extension`)")
        try bytes.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try read(url)
    }
}
