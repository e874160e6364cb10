import Foundation
import XCTest

/// `strainer problems [show]`, run as a user would from the repository.
final class ProblemsCommandTests: XCTestCase {
    private let repository = StrainerProcess.repository

    func testListShowsEveryBundledProblem() throws {
        let result = try StrainerProcess.run(["problems"], workingDirectory: repository, environment: ["COLUMNS": "1000"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let files = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("Problems").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        XCTAssertGreaterThanOrEqual(files.count, 12)
        let rows = result.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertTrue(rows.first?.hasPrefix("id ") == true, result.standardOutput)
        for id in files {
            XCTAssertTrue(rows.contains { $0.hasPrefix(id + " ") }, "\(id) missing from:\n\(result.standardOutput)")
        }
        let sr4 = try XCTUnwrap(rows.first { $0.hasPrefix("sr4-faces ") })
        XCTAssertTrue(sr4.contains("{name: resize, factor: 4, method: bicubic}"), sr4)
        XCTAssertTrue(sr4.contains("celeba-hq-178/val, 10 images"), sr4)
        XCTAssertTrue(result.standardOutput.contains("\(files.count) problems"))
    }

    /// At 80 columns the table wraps its title, operator, noise and images cells (at spaces) instead of running to
    /// 230 columns: no line is wider than the terminal, and a wrapped row's cells read whole when their pieces are
    /// joined again.
    func testListFitsAnEightyColumnTerminal() throws {
        let result = try StrainerProcess.run(["problems"], workingDirectory: repository, environment: ["COLUMNS": "80"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines { XCTAssertLessThanOrEqual(line.count, 80, line) }
        let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("sr4-faces ") })
        func column(_ name: String) throws -> Int {
            try XCTUnwrap(lines.first?.range(of: name)).lowerBound.utf16Offset(in: lines[0])
        }
        let (idWidth, operatorStart, noiseStart) = (try column("title"), try column("operator"), try column("noise"))
        var rowLines = [lines[start]]
        for line in lines[(start + 1)...] where line.hasPrefix(String(repeating: " ", count: idWidth)) { rowLines.append(line) }
        XCTAssertGreaterThan(rowLines.count, 1, "the sr4-faces row did not wrap:\n\(result.standardOutput)")
        // The operator spec, broken at its spaces, reads whole again when its pieces are joined.
        let text = rowLines.map { line -> String in
            let characters = Array(line)
            guard characters.count > operatorStart else { return "" }
            return String(characters[operatorStart..<min(noiseStart, characters.count)]).trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }.joined(separator: " ")
        XCTAssertTrue(text.contains("{name: resize, factor: 4, method: bicubic}"), text)
    }

    func testShowResolvesOneProblem() throws {
        let result = try StrainerProcess.run(["problems", "show", "mri-4x"], workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("→ 128×128×2 complex"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("    strainer: strainer on celeba-hq-178/train, 10 images, 128 px, 5000 steps, seed 0\n"),
                      result.standardOutput)
        let unknown = try StrainerProcess.run(["problems", "show", "mri-4"], workingDirectory: repository)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.standardError.hasPrefix("error: mri-4: no such problem; did you mean 'mri-4x'?"), unknown.standardError)
    }

    func testAnExtraFolderIsReadAndABadFileIsNamed() throws {
        let folder = try scratchFolder()
        let good = """
            id: my-ct
            title: My phantom CT
            phantom: shepp-logan
            size: 32
            channels: 1
            operator: {name: radon, angles: 8}
            """
        try good.write(to: folder.appendingPathComponent("my-ct.yaml"), atomically: true, encoding: .utf8)
        let listed = try StrainerProcess.run(["problems", "--problems", folder.path], workingDirectory: repository)
        XCTAssertEqual(listed.status, 0, listed.standardError)
        XCTAssertTrue(listed.standardOutput.contains("\nmy-ct "), listed.standardOutput)

        let bad = folder.appendingPathComponent("bad.yaml")
        try good.replacingOccurrences(of: "my-ct", with: "bad").appending("\nsolver: {iteratons: 5}")
            .write(to: bad, atomically: true, encoding: .utf8)
        let failed = try StrainerProcess.run(["problems", "--problems", folder.path], workingDirectory: repository)
        XCTAssertEqual(failed.status, 1)
        XCTAssertEqual(failed.standardOutput, "")
        XCTAssertEqual(failed.standardError,
                       "error: \(bad.path): solver.iteratons: unknown key 'iteratons'; valid keys: discrepancy_target, evaluate_every, iterations, lr, schedule, stop, tv_weight\n")
    }
}
