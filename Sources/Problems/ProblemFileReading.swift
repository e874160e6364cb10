import Foundation
import Imaging

/// The two steps of reading any problem file (a study's or a measurement problem's), each failure a
/// ``ProblemError`` naming the file and, where there is one, the key.
enum ProblemFileReading {
    /// The file's text: a regular file of at most ``SafeYAML/maximumBytes``.
    static func text(of url: URL) throws -> String {
        do {
            return try RegularFile.readText(url, expected: "problem file", maximumBytes: SafeYAML.maximumBytes)
        } catch let error as FileError {
            throw ProblemError(url, key: nil, error.problem)
        }
    }

    /// `text` decoded as `type` under ``SafeYAML``'s limits.
    static func decode<T: Decodable>(_ type: T.Type, from text: String, file url: URL) throws -> T {
        do {
            return try SafeYAML.decode(type, from: text)
        } catch let error as DecodingError {
            throw ProblemError(url, key: error.keyPath, error.problem)
        } catch let error as YAMLRefusal {
            throw ProblemError(url, key: nil, error.description)
        }
    }

    /// Throws unless the problem's `id` is the file's name without `.yaml`.
    static func checkID(_ id: String, of url: URL) throws {
        let stem = url.deletingPathExtension().lastPathComponent
        guard id == stem else {
            throw ProblemError(url, key: "id", "is '\(id)' but the file is \(url.lastPathComponent); expected id '\(stem)'")
        }
    }
}
