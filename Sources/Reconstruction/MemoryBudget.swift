import Foundation
import INR
import Solver

/// How much memory a fit may take, and the chunk of rows that keeps its passes within it.
///
/// A fit holds what ``Solver/FitMemory`` counts: a part that does not depend on the chunk, and the workspace of its
/// passes per row of a chunk (≈ 10 KB for the 6 × 256 SIREN). The chunk is the most rows that fit what is left; when all N fit, the grid is
/// one chunk (no recomputation), otherwise each step evaluates the network once for the objective and again per
/// chunk for its gradient (about 1.5 times the time of a step).
public struct MemoryBudget: Sendable, Equatable {
    /// The bytes a fit may take.
    public let bytes: Int

    /// The default: half of the machine's physical memory.
    public static var machineDefault: MemoryBudget { MemoryBudget(bytes: Int(ProcessInfo.processInfo.physicalMemory / 2)) }

    public init(bytes: Int) { self.bytes = bytes }

    /// `512M`, `4G`, `16384M`, `1.5G` or a number of bytes.
    public init(parsing text: String) throws {
        let units: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: "B", with: "")
        let unit = trimmed.last.flatMap { units[$0] }
        let number = Double(unit == nil ? trimmed : String(trimmed.dropLast()))
        guard let number, number.isFinite, number > 0, number * (unit ?? 1) < 1e18 else {
            throw ReconstructionError.invalidOption(name: "--max-memory", value: text, expected: "a size such as 512M, 4G or 1.5G")
        }
        bytes = Int(number * (unit ?? 1))
    }

    /// Rows per chunk for a fit of `architecture` on `pixels` pixels of `channels` channels: nil when the whole
    /// grid fits at once; throws when not even 512 rows fit.
    public func chunkRows(pixels: Int, channels: Int, architecture: Architecture) throws -> Int? {
        let fit = FitMemory(pixels: pixels, channels: channels, architecture: architecture)
        let rows = (bytes - fit.fixedBytes) / fit.bytesPerRow
        if rows >= pixels { return nil }
        guard rows >= 512 else {
            let needed = fit.bytes(chunkRows: 512)
            throw ReconstructionError.invalidOption(
                name: "--max-memory", value: "\(bytes >> 20)M",
                expected: "at least \(needed >> 20 + 1)M for a \(pixels)-pixel fit of this network (512 rows a chunk)")
        }
        return rows
    }
}
