import Foundation
import Imaging

/// `metrics.csv`: one row per evaluation — problem, image, method, kind, iteration, psnr, ssim, loss, seconds,
/// discrepancy_stop (`1` on the evaluation at which the fit's discrepancy first fell to its target, the
/// no-reference stopping point; empty elsewhere).
///
/// Missing values (an SSIM not measured, a baseline without a loss) are empty cells. Numbers are written with
/// enough digits to read back the same `Double`. Files written before the `discrepancy_stop` column existed
/// (nine columns) still read.
public enum MetricsCSV {
    public static let header = ["problem", "image", "method", "kind", "iteration", "psnr", "ssim", "loss", "seconds",
                                "discrepancy_stop"]

    /// The CSV text of `curves`.
    public static func render(_ curves: [MethodCurve]) -> String {
        var lines = [header.joined(separator: ",")]
        for curve in curves {
            for point in curve.points {
                let cells = [curve.problem, curve.image, curve.method, curve.kind.rawValue, String(point.iteration),
                             "\(point.psnr)", point.ssim.map { "\($0)" } ?? "", point.loss.map { "\($0)" } ?? "",
                             "\(point.seconds)", curve.discrepancyStop == point.iteration ? "1" : ""]
                lines.append(cells.map(quoted).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads curves back from CSV text written by ``render(_:)``.
    public static func parse(_ text: String, file: String) throws -> [MethodCurve] {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let columns = lines.first.map(splitCells) ?? []
        guard columns == header || columns == Array(header.dropLast()) else {
            throw FileError(file: file, problem: "the first line must be the header \(header.joined(separator: ","))")
        }
        var curves: [MethodCurve] = []
        for (index, line) in lines.dropFirst().enumerated() {
            let cells = splitCells(line)
            let lineNumber = index + 2
            guard cells.count == columns.count, let kind = MethodKind(rawValue: cells[3]),
                  let iteration = Int(cells[4]), let psnr = Double(cells[5]), let seconds = Double(cells[8]) else {
                throw FileError(file: file, problem: "line \(lineNumber) is not a row of \(columns.count) valid cells")
            }
            let point = CurvePoint(iteration: iteration, psnr: psnr, ssim: Double(cells[6]), loss: Double(cells[7]),
                                   seconds: seconds)
            if let last = curves.last, last.problem == cells[0], last.image == cells[1], last.method == cells[2] {
                curves[curves.count - 1].points.append(point)
            } else {
                curves.append(MethodCurve(problem: cells[0], image: cells[1], method: cells[2], kind: kind, points: [point]))
            }
            if cells.count > 9 && cells[9] == "1" { curves[curves.count - 1].discrepancyStop = iteration }
        }
        return curves
    }

    /// Quotes a cell that holds a comma, a quote or a line break (RFC 4180).
    public static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func splitCells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var inQuotes = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch (character, inQuotes) {
            case ("\"", true):
                // A doubled quote inside quotes is a literal quote; a single one closes the quotes.
                if let next = characters.next() {
                    if next == "\"" { current.append("\"") } else {
                        inQuotes = false
                        if next == "," { cells.append(current); current = "" } else { current.append(next) }
                    }
                } else { inQuotes = false }
            case ("\"", false) where current.isEmpty: inQuotes = true
            case (",", false): cells.append(current); current = ""
            default: current.append(character)
            }
        }
        cells.append(current)
        return cells
    }
}
