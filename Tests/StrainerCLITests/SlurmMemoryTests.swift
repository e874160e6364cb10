import Foundation
import INR
import Runs
import Solver
import XCTest

/// The memory a Slurm job asks for when `--slurm-mem` is not given, against what a fit of that size really takes.
final class SlurmMemoryTests: XCTestCase {
    /// `strainer fit` of a 178 × 178 face (the paper's size) with its 6 × 256 SIREN reports the process's peak resident memory;
    /// the default a job of that fit would ask for is above it (a job under it would be killed), and not wastefully
    /// far above (under three times).
    func testTheDefaultCoversTheMeasuredPeakOfAFitOfThatSize() throws {
        let face = try XCTUnwrap(try FileManager.default.contentsOfDirectory(
            atPath: StrainerProcess.repository.appendingPathComponent("Datasets/celeba-hq-178/val").path).filter { $0.hasSuffix(".png") }.sorted().first)
        let result = try StrainerProcess.run(["fit", "Datasets/celeba-hq-178/val/\(face)", "--iterations", "3", "--json"],
                                             workingDirectory: StrainerProcess.repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let summary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let peak = try XCTUnwrap(summary["peak_rss_bytes"] as? Int)
        let architecture = try Architecture(family: .siren(omegaFirst: 30, omegaHidden: 30), width: 256, layers: 6, outputs: 3)
        let asked = SlurmSettings.defaultMemory(for: [FitMemory(pixels: 178 * 178, channels: 3, architecture: architecture)])
        let mebibytes = try XCTUnwrap(Int(asked.dropLast()))
        XCTAssertTrue(asked.hasSuffix("M"), asked)
        XCTAssertGreaterThan(mebibytes << 20, peak, "asked \(asked), measured \(peak >> 20) MiB")
        XCTAssertLessThan(mebibytes << 20, 3 * peak, "asked \(asked), measured \(peak >> 20) MiB")
    }

    /// The count against hand arithmetic, and the largest of a run's fits decides. The 6 × 256 SIREN (2 → 256 → … →
    /// 256 → 3): 264 707 parameters; its workspace holds each hidden layer's pre-activation and activation and the
    /// output, 4 · (5 · 256 · 2 + 3) = 10 252 bytes a row. At 178² RGB: 31 684 · (8 + 72) + 12 · 264 707 + 31 684 ·
    /// 10 252 = 330 538 692 bytes (315.2 MiB); × 1.5 + 256 MiB, rounded up: 729 MiB.
    func testTheCountIsTheHandWorkedOneAndTheLargestFitDecides() throws {
        let architecture = try Architecture(family: .siren(omegaFirst: 30, omegaHidden: 30), width: 256, layers: 6, outputs: 3)
        let large = FitMemory(pixels: 178 * 178, channels: 3, architecture: architecture)
        XCTAssertEqual(large.bytesPerRow, 10_252)
        XCTAssertEqual(large.bytes(), 330_535_572)
        XCTAssertEqual(large.bytes(chunkRows: 1000), 330_535_572 - (31_684 - 1000) * 10_252)
        XCTAssertEqual(SlurmSettings.defaultMemory(for: [large]), "729M")
        let small = FitMemory(pixels: 32 * 32, channels: 3, architecture: architecture)
        XCTAssertEqual(SlurmSettings.defaultMemory(for: [small, large]), "729M")
    }
}
