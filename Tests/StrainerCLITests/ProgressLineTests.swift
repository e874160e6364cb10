import Foundation
import XCTest

/// What a terminal user and a log reader see of a running fit.
final class ProgressLineTests: XCTestCase {
    private let repository = StrainerProcess.repository

    /// Under a pseudo-terminal 70 columns wide (util-linux `script`), every rewrite of the live line stays within 69
    /// columns, so `\r` always returns to its start; once the noisy fit has passed its peak, the line shows the best
    /// PSNR so far beside the current one.
    func testTheLiveLineFitsTheTerminalAndShowsTheBestSoFar() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: script.path), "util-linux `script` is not installed")
        let out = try scratchFolder()
        let typescript = out.appendingPathComponent("typescript")
        let strainer = StrainerProcess.productsDirectory.appendingPathComponent("strainer").path
        let command = "stty cols 70 rows 20; '\(strainer)' compare denoise-faces-s01 --prior random --size 16 --images 1 "
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
        let live = text.components(separatedBy: CharacterSet(charactersIn: "\r\n")).filter { $0.hasPrefix("random, image 1/1: step ") }
        XCTAssertGreaterThan(live.count, 100, text)
        for line in live { XCTAssertLessThanOrEqual(line.count, 69, line) }
        XCTAssertTrue(live.contains { $0.contains("dB, best ") }, live.suffix(3).joined(separator: "\n"))
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
