import Foundation
import Imaging

/// Reads a 2-D array of numbers (a kernel or a mask) from a file, chosen by extension:
/// `.txt`, `.csv`, `.dat` → ``readTextMatrix(_:)``; `.png`, `.tif`, `.tiff`, `.pgm` → `ImageFile.read`, intensities
/// in `[0, 1]` (float TIFFs as stored), the mean over channels for a colour image.
func readMatrixFile(_ url: URL) throws -> (rows: Int, columns: Int, values: [Float]) {
    switch url.pathExtension.lowercased() {
    case "txt", "csv", "dat":
        return try readTextMatrix(url)
    case "png", "tif", "tiff", "pgm", "ppm", "pnm":
        let image: Image
        do { image = try ImageFile.read(url) } catch {
            throw OperatorError.unreadableFile(path: url.path, message: "cannot be read as an image (\(error))")
        }
        let values = (0..<image.pixelCount).map { p in
            (0..<image.channels).reduce(Float(0)) { $0 + image.pixels[p * image.channels + $1] } / Float(image.channels)
        }
        return (image.height, image.width, values)
    default:
        throw OperatorError.unreadableFile(path: url.path,
            message: "unsupported extension '.\(url.pathExtension)'; expected .txt, .csv, .dat, .png, .tif, .tiff or .pgm")
    }
}

/// Largest text matrix read, in bytes (64 MiB, some eight million numbers; a kernel is a few kilobytes).
let maximumTextMatrixBytes = 64 << 20

/// Reads a text matrix: one row per line, numbers separated by spaces, tabs or commas; lines starting with `#`
/// are comments; all rows must have the same length.
func readTextMatrix(_ url: URL) throws -> (rows: Int, columns: Int, values: [Float]) {
    let text: String
    do { text = try RegularFile.readText(url, expected: "text matrix", maximumBytes: maximumTextMatrixBytes) } catch let error as FileError {
        throw OperatorError.unreadableFile(path: url.path, message: "cannot be read (\(error.problem))")
    }
    var values: [Float] = [], columns = 0, rows = 0
    for (lineNumber, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
        let fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" })
        let numbers = fields.compactMap { Float($0) }
        guard numbers.count == fields.count else {
            throw OperatorError.unreadableFile(path: url.path, message: "line \(lineNumber + 1) has a field that is not a number")
        }
        if rows == 0 { columns = numbers.count }
        guard numbers.count == columns else {
            throw OperatorError.unreadableFile(path: url.path,
                message: "line \(lineNumber + 1) has \(numbers.count) numbers; expected \(columns) like the first row")
        }
        values += numbers
        rows += 1
    }
    guard rows > 0 else { throw OperatorError.unreadableFile(path: url.path, message: "contains no numbers") }
    return (rows, columns, values)
}
