import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Input files are read only when they are regular files (symbolic links followed): opening a FIFO blocks until
/// a writer comes, which for a path given by mistake is forever, and a device such as `/dev/zero` never ends.
public enum RegularFile {
    /// Why `url` cannot be read as a `what` (e.g. "PNG file"), or nil when it names a regular file.
    public static func problem(at url: URL, expected what: String) -> String? {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            return errno == ENOENT ? "no such file; expected an existing \(what)"
                : "cannot be examined (\(String(cString: strerror(errno)))); expected a readable \(what)"
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a directory; expected a \(what)"
        case S_IFIFO: return "is a FIFO (named pipe); expected a regular \(what)"
        case S_IFSOCK: return "is a socket; expected a regular \(what)"
        default: return "is a device; expected a regular \(what)"
        }
    }

    /// The UTF-8 text of the regular file at `url`, refused when it is larger than `maximumBytes`; errors say the
    /// file is not a `what` and why.
    public static func readText(_ url: URL, expected what: String, maximumBytes: Int) throws -> String {
        if let problem = problem(at: url, expected: what) { throw FileError(file: url.path, problem: problem) }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= maximumBytes else {
            throw FileError(file: url.path, problem: "is \(size) bytes; expected a \(what) of at most \(maximumBytes) bytes")
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FileError(file: url.path, problem: "cannot be read as UTF-8 text; expected a \(what)")
        }
    }
}
