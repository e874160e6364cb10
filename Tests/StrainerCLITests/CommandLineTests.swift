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
        let lines = version.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, version.standardOutput)
        XCTAssertTrue(lines[0].range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil, version.standardOutput)
        XCTAssertTrue(lines[1].hasPrefix("CPU: "), version.standardOutput)
        // The kernel family asked for is the one in use, and the families listed are the ones this CPU's flags allow
        // (SSE3 on every x86-64 CPU the suite builds for; AVX-512 ones only where /proc/cpuinfo lists avx512f).
        let families = try XCTUnwrap(lines.last?.split(separator: ":").last?.split(separator: " ").map(String.init))
        XCTAssertTrue(lines[3].hasPrefix("Kernel families this CPU runs: Prescott "), version.standardOutput)
        let flags = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("flags") }!
        XCTAssertEqual(families.contains("SkylakeX"), flags.split(separator: " ").contains("avx512f"), version.standardOutput)
        for family in ["Prescott", families.last!] {
            let forced = try StrainerProcess.run(["--version"], environment: ["OPENBLAS_CORETYPE": family])
            XCTAssertTrue(forced.standardOutput.contains("\nOpenBLAS kernels: \(family) (OpenBLAS 0."), forced.standardOutput)
        }
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
