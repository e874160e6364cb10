import Foundation
import XCTest

/// What a terminal user and a log reader see of a running fit.
final class ProgressLineTests: XCTestCase {
    private let repository = StrainerProcess.repository

    /// Under pseudo-terminals 40, 70 and 120 columns wide (util-linux `script`), every rewrite of the live line stays
    /// within one column less than the width, so `\r` always returns to its start; at 70 and more the line keeps the
    /// PSNR, and once the noisy fit has passed its peak it shows the best so far beside the current one.
    func testTheLiveLineFitsTheTerminalAndShowsTheBestSoFar() throws {
        for columns in [40, 70, 120] {
            let live = try liveLines(columns: columns)
            XCTAssertGreaterThan(live.count, 100, "\(columns) columns")
            for line in live { XCTAssertLessThanOrEqual(line.count, columns - 1, "\(columns) columns: \(line)") }
            if columns >= 70 {
                XCTAssertTrue(live.contains { $0.contains("dB, best ") }, "\(columns) columns: " + live.suffix(3).joined(separator: "\n"))
            }
        }
    }

    /// The live lines of a 120-step noisy fit under a pseudo-terminal `columns` wide, escape codes removed.
    private func liveLines(columns: Int) throws -> [String] {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: script.path), "util-linux `script` is not installed")
        let out = try scratchFolder()
        let typescript = out.appendingPathComponent("typescript")
        let strainer = StrainerProcess.productsDirectory.appendingPathComponent("strainer").path
        let command = "stty cols \(columns) rows 20; '\(strainer)' compare denoise-faces-s01 --prior random --size 16 --images 1 "
            + "--iterations 120 --evaluate-every 5 --out '\(out.path)'"
        let process = Process()
        process.executableURL = script
        process.arguments = ["-qec", command, typescript.path]
        process.currentDirectoryURL = repository
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let text = String(decoding: try Data(contentsOf: typescript), as: UTF8.self).replacingOccurrences(of: "\u{1B}[K", with: "")
        // The live line is every piece after a carriage return that a newline does not keep.
        return text.components(separatedBy: "\r").dropFirst().compactMap { piece in
            piece.contains("\n") ? nil : piece
        }.filter { $0.contains("step ") }
    }

    /// In a log (stderr not a terminal) the first update is written at once, not after the first interval.
    func testALogGetsTheFirstUpdateAtOnce() throws {
        let out = try scratchFolder()
        let result = try StrainerProcess.run(
            ["compare", "denoise-faces-s01", "--prior", "random", "--size", "16", "--images", "1", "--iterations", "5",
             "--evaluate-every", "5", "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.contains("random, image 1/1: step 1/5"), result.standardError)
    }
}
