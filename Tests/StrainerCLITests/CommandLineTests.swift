import Foundation
import XCTest

/// The tool as a whole: help, version, usage errors, and the dataset listing a new user runs first.
final class CommandLineTests: XCTestCase {
    func testHelpListsTheSubcommandsAndExitsCleanly() throws {
        let root = try StrainerProcess.run(["--help"])
        XCTAssertEqual(root.status, 0, root.standardError)
        XCTAssertTrue(root.standardOutput.hasPrefix("OVERVIEW: Imaging inverse problems"), root.standardOutput)
        for subcommand in ["datasets", "metrics", "report"] {
            XCTAssertTrue(root.standardOutput.contains("\n  \(subcommand) "), "\(subcommand) missing from:\n\(root.standardOutput)")
        }
        let metrics = try StrainerProcess.run(["metrics", "--help"])
        XCTAssertEqual(metrics.status, 0)
        XCTAssertTrue(metrics.standardOutput.hasPrefix("OVERVIEW: Compare an image with a reference"), metrics.standardOutput)
        XCTAssertTrue(metrics.standardOutput.contains("USAGE: strainer metrics <reference> <test> [--json]"))
    }

    func testVersionAndUsageErrors() throws {
        let version = try StrainerProcess.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.standardOutput.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, version.standardOutput)
        let missing = try StrainerProcess.run(["metrics"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.standardError.hasPrefix("Error: Missing expected argument '<reference>'"), missing.standardError)
        let unknown = try StrainerProcess.run(["fly"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.standardError.contains("Unexpected argument 'fly'"), unknown.standardError)
    }

    func testDatasetsListsTheBundledSetsWithTheirLicences() throws {
        let repository = StrainerProcess.repository
        let result = try StrainerProcess.run(["datasets"], workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("dataset"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("celeba-hq-178") && $0.contains("train 10, val 10") && $0.contains("178×178×3")
            && $0.contains("non-commercial") }, result.standardOutput)
        XCTAssertTrue(lines.contains { $0.hasPrefix("kodak24") && $0.contains("all 24") }, result.standardOutput)
        XCTAssertEqual(lines.last, "4 datasets in \(repository.appendingPathComponent("Datasets").path)")
    }
}
