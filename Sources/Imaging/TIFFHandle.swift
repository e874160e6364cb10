import CTIFF
import Foundation

/// One open libtiff file whose errors and warnings are captured instead of printed.
///
/// libtiff reports problems through handler callbacks (by default to stderr). Each handle installs its own
/// handlers through `TIFFOpenOptions`, collects the error messages, and ``fail(_:_:)`` turns the first one into
/// an ``ImagingError`` naming the file. Warnings (unknown tags and the like) are silenced.
final class TIFFHandle {
    /// The error messages libtiff emitted for this handle.
    final class Diagnostics {
        var errors: [String] = []
    }

    let url: URL
    let tiff: OpaquePointer
    private let diagnostics: Diagnostics

    /// Opens `path` (the file itself, or the temporary file standing in for `url`) with libtiff `mode` ("r", "w").
    init(path: String, reportingAs url: URL, mode: String) throws {
        self.url = url
        let diagnostics = Diagnostics()
        self.diagnostics = diagnostics
        let options = TIFFOpenOptionsAlloc()
        defer { TIFFOpenOptionsFree(options) }
        let context = Unmanaged.passUnretained(diagnostics).toOpaque()
        TIFFOpenOptionsSetErrorHandlerExtR(options, TIFFHandle.recordError, context)
        TIFFOpenOptionsSetWarningHandlerExtR(options, TIFFHandle.ignoreWarning, nil)
        guard let tiff = TIFFOpenExt(path, mode, options) else {
            let reason = diagnostics.errors.first ?? "libtiff could not open it"
            throw ImagingError(mode == "r" ? .malformed : .writeFailed, path: url.path,
                               "not a readable TIFF file (libtiff: \(reason)); expected a valid TIFF file")
        }
        self.tiff = tiff
    }

    deinit { TIFFClose(tiff) }

    /// An error for this file: `problem`, followed by libtiff's first error message if it gave one.
    func fail(_ kind: ImagingError.Kind, _ problem: String) -> ImagingError {
        let detail = diagnostics.errors.first.map { " (libtiff: \($0))" } ?? ""
        return ImagingError(kind, path: url.path, problem + detail)
    }

    /// The first error libtiff reported so far, if any.
    var firstError: String? { diagnostics.errors.first }

    /// The value of a 16-bit tag, or its TIFF default when absent and the tag has one.
    func uint16(_ tag: Int32) -> UInt16? {
        var value: UInt16 = 0
        let found = withUnsafeMutablePointer(to: &value) { pointer in
            withVaList([pointer]) { TIFFVGetFieldDefaulted(tiff, UInt32(tag), $0) }
        }
        return found == 1 ? value : nil
    }

    /// The value of a 32-bit tag, or its TIFF default when absent and the tag has one.
    func uint32(_ tag: Int32) -> UInt32? {
        var value: UInt32 = 0
        let found = withUnsafeMutablePointer(to: &value) { pointer in
            withVaList([pointer]) { TIFFVGetFieldDefaulted(tiff, UInt32(tag), $0) }
        }
        return found == 1 ? value : nil
    }

    /// The ExtraSamples types the file declares for samples after the colour samples
    /// (`EXTRASAMPLE_UNSPECIFIED`, `EXTRASAMPLE_ASSOCALPHA`, `EXTRASAMPLE_UNASSALPHA`).
    func extraSampleTypes() -> [Int32] {
        var count: UInt16 = 0
        var types: UnsafeMutablePointer<UInt16>? = nil
        let found = withUnsafeMutablePointer(to: &count) { countPointer in
            withUnsafeMutablePointer(to: &types) { typesPointer in
                withVaList([countPointer, typesPointer]) {
                    TIFFVGetFieldDefaulted(tiff, UInt32(TIFFTAG_EXTRASAMPLES), $0)
                }
            }
        }
        guard found == 1, let types else { return [] }
        return (0..<Int(count)).map { Int32(types[$0]) }
    }

    /// Sets a tag whose value libtiff reads as one integer (all the 16- and 32-bit tags the writer uses).
    func set(_ tag: Int32, _ value: Int) throws {
        let done = withVaList([value]) { TIFFVSetField(tiff, UInt32(tag), $0) }
        guard done == 1 else { throw fail(.writeFailed, "cannot set TIFF tag \(tag) to \(value)") }
    }

    /// Declares `count` extra samples of unspecified meaning after the colour samples.
    func setExtraSamples(_ count: Int) throws {
        var types = [UInt16](repeating: UInt16(EXTRASAMPLE_UNSPECIFIED), count: count)
        let done = types.withUnsafeMutableBufferPointer { buffer in
            withVaList([count, buffer.baseAddress!]) { TIFFVSetField(tiff, UInt32(TIFFTAG_EXTRASAMPLES), $0) }
        }
        guard done == 1 else { throw fail(.writeFailed, "cannot declare \(count) extra samples") }
    }

    /// Formats a libtiff error into the handle's diagnostics; returns 1 so libtiff does not also print it.
    private static let recordError: TIFFErrorHandlerExtR = { _, context, module, format, arguments in
        guard let context, let format, let arguments else { return 0 }
        var buffer = [CChar](repeating: 0, count: 512)
        _ = vsnprintf(&buffer, buffer.count, format, arguments)
        let text = String(cBuffer: buffer)
        let message = module.map { "\(String(cString: $0)): \(text)" } ?? text
        Unmanaged<Diagnostics>.fromOpaque(context).takeUnretainedValue().errors.append(message)
        return 1
    }

    /// Drops a libtiff warning; returns 1 so libtiff does not print it either.
    private static let ignoreWarning: TIFFErrorHandlerExtR = { _, _, _, _, _ in 1 }
}
