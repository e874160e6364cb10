import Foundation
import Imaging

/// A result folder under `Results/`, assembled under a hidden temporary name and renamed into place when complete,
/// so an interrupted run leaves no half-written report (only, at worst, a hidden `.partial-…-<pid>` folder, which
/// the next write under the same parent removes once process `<pid>` is gone).
public enum RunFolder {
    /// Creates `results/<name()>` with an `images/` subfolder, filled by `fill` in a hidden partial folder that is
    /// renamed into place when `fill` returns (and removed when it throws). Returns the final folder.
    public static func assemble(under results: URL, name: () -> String, _ fill: (_ partial: URL) throws -> Void) throws -> URL {
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        removeAbandonedPartials(in: results)
        let final = results.appendingPathComponent(name())
        let partial = results.appendingPathComponent(".partial-\(final.lastPathComponent)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: partial)
        try FileManager.default.createDirectory(at: partial.appendingPathComponent("images"), withIntermediateDirectories: true)
        do {
            try fill(partial)
            try FileManager.default.moveItem(at: partial, to: final)
            return final
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// `<yyyy-mm-dd>-<stem>-<first 8 hex digits of the configuration's SHA-256>`, with `-2`, `-3`, … when the same
    /// configuration already ran that day.
    public static func name(stem: String, configuration: String, date: Date, existing results: URL) -> String {
        let day = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        let hash = SHA256.hexDigest(of: Data(configuration.utf8)).prefix(8)
        let base = "\(day)-\(fileSafe(stem))-\(hash)"
        var name = base
        var counter = 2
        while FileManager.default.fileExists(atPath: results.appendingPathComponent(name).path) {
            name = "\(base)-\(counter)"
            counter += 1
        }
        return name
    }

    /// Removes the hidden `.partial-…-<pid>` folders of runs whose process no longer exists (interrupted).
    static func removeAbandonedPartials(in results: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: results.path)) ?? []
        for name in names where name.hasPrefix(".partial-") {
            guard let pid = name.split(separator: "-").last.flatMap({ Int32($0) }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: results.appendingPathComponent(name))
            }
        }
    }

    /// Letters, digits, `-`, `_` and `.` kept; anything else becomes `_`.
    public static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }

    /// An image as a PNG panel shows it: clipped to [0, 1] (reconstructions may overshoot; non-finite samples
    /// show as 0).
    public static func displayed(_ image: Image) -> Image {
        var copy = image
        for index in copy.pixels.indices {
            let value = copy.pixels[index]
            copy.pixels[index] = value.isFinite ? min(max(value, 0), 1) : 0
        }
        return copy
    }
}
