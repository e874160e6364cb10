import Foundation

/// Writes files atomically: the content goes to a temporary file in the destination's directory, which is
/// then renamed over the destination. A reader sees either the old file or the complete new one, never a
/// partial write; a failed write leaves the destination untouched and removes the temporary file.
public enum AtomicFile {
    /// Atomically replaces (or creates) `url` with `data`.
    public static func write(_ data: Data, to url: URL) throws {
        try replace(url) { temporary in
            do {
                try data.write(to: temporary)
            } catch {
                throw ImagingError(.writeFailed, path: url.path, "cannot write: \(error.localizedDescription)")
            }
        }
    }

    /// Atomically replaces (or creates) `url` with whatever `produce` writes to the temporary file it is given.
    ///
    /// Use this for writers that insist on opening the path themselves (libpng, libtiff).
    public static func replace(_ url: URL, with produce: (URL) throws -> Void) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try produce(temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw ImagingError(.writeFailed, path: url.path,
                                   "cannot move the finished temporary file into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
