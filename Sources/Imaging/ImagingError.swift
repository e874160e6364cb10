/// Why an image could not be read, written or processed.
///
/// The message is one line naming the file (when there is one), what was wrong, and what was expected,
/// for example `'scan.tiff': 32-bit unsigned integer samples are not supported; expected 8- or 16-bit
/// unsigned integers or 32-bit IEEE floats`.
public struct ImagingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The broad class of problem, for callers (and tests) that react to it.
    public enum Kind: Sendable, Equatable {
        /// The file does not exist or cannot be opened.
        case cannotOpen
        /// The file's extension names no format this module reads or writes.
        case unknownExtension
        /// The file is not what its extension says, is truncated, or is otherwise corrupt.
        case malformed
        /// The file is well formed but uses a feature this module does not support (bit depth, sample format, …).
        case unsupported
        /// The image has no pixels (a zero height or width).
        case emptyImage
        /// Two images that must have the same shape do not, or an image has the wrong shape for the operation.
        case shapeMismatch
        /// An argument is out of range (a crop larger than the image, a float32 request for PNG, …).
        case invalidArgument
        /// Writing the output failed (disk full, permission denied, …).
        case writeFailed
    }

    /// The broad class of problem.
    public let kind: Kind
    /// The file concerned, if any.
    public let path: String?
    /// What was wrong and what was expected.
    public let reason: String

    public init(_ kind: Kind, path: String? = nil, _ reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String {
        guard let path else { return reason }
        return "'\(path)': \(reason)"
    }
}
