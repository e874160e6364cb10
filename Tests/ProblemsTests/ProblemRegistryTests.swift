import Foundation
import XCTest
import Operators
@testable import Problems

/// The registry: the bundled problem files all load and build, ids are unique, lookups help with typos.
final class ProblemRegistryTests: ProblemFileTestCase {
    private var bundledFolder: URL { repository.appendingPathComponent("Problems") }

    func testEveryBundledProblemLoadsAndBuildsItsOperatorAndNoise() throws {
        let registry = try ProblemRegistry(folders: [bundledFolder], catalog: bundledCatalog)
        let files = try FileManager.default.contentsOfDirectory(atPath: bundledFolder.path).filter { $0.hasSuffix(".yaml") }
        XCTAssertGreaterThanOrEqual(registry.problems.count, 12)
        XCTAssertEqual(Set(registry.ids), Set(files.map { String($0.dropLast(5)) }), "one problem per file, named after it")
        for problem in registry.problems {
            let forward = try BuiltProblem(file: problem.file, catalog: bundledCatalog).forward
            XCTAssertEqual(forward.inputShape, problem.spec.imageShape, problem.spec.id)
            XCTAssertFalse(problem.spec.baselines.isEmpty, "\(problem.spec.id) names its baselines")
            XCTAssertTrue(problem.spec.priors.map(\.label).contains("strainer"), "\(problem.spec.id) compares a STRAINER prior")
        }
        // The measurement sizes the tasks imply, worked out by hand.
        func outputShape(_ id: String) throws -> ImageShape { try BuiltProblem(file: registry.problem(id).file, catalog: bundledCatalog).forward.outputShape }
        XCTAssertEqual(try outputShape("sr2-faces"), ImageShape(height: 89, width: 89, channels: 3))
        XCTAssertEqual(try outputShape("sr4-faces"), ImageShape(height: 45, width: 45, channels: 3), "round(178 / 4)")
        XCTAssertEqual(try outputShape("denoise-kodak-s01"), ImageShape(height: 178, width: 178, channels: 3))
        XCTAssertEqual(try outputShape("ct-shepp-logan-30"), ImageShape(height: 30, width: 182, channels: 1), "30 angles × ⌈128√2⌉ bins")
        XCTAssertEqual(try outputShape("ct-shepp-logan-180").height, 180)
        XCTAssertEqual(try outputShape("mri-4x"), ImageShape(height: 128, width: 128, channels: 2), "complex k-space")
    }

    func testDuplicateIdsNameBothFiles() throws {
        let first = scratch.appendingPathComponent("a"), second = scratch.appendingPathComponent("b")
        try write(Self.validProblem, in: first)
        try write(Self.validProblem, in: second)
        XCTAssertThrowsError(try ProblemRegistry(folders: [first, second], catalog: bundledCatalog)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("b/demo.yaml: id: 'demo' is also the id of "), message)
            XCTAssertTrue(message.contains("a/demo.yaml; expected ids to be unique"), message)
        }
    }

    func testAFolderNamedTwiceIsReadOnce() throws {
        try write(Self.validProblem, in: scratch)
        let sameFolder = URL(fileURLWithPath: scratch.path + "/./", isDirectory: true)
        let registry = try ProblemRegistry(folders: [scratch, sameFolder], catalog: bundledCatalog)
        XCTAssertEqual(registry.ids, ["demo"])
    }

    func testABadFileFailsTheWholeRegistryByName() throws {
        try write(Self.validProblem, in: scratch)
        try write(Self.validProblem.replacingOccurrences(of: "id: demo", with: "id: broken")
            .replacingOccurrences(of: "iterations: 10", with: "iteratons: 10"), name: "broken", in: scratch)
        XCTAssertThrowsError(try ProblemRegistry(folders: [scratch], catalog: bundledCatalog)) { error in
            XCTAssertTrue("\(error)".hasSuffix("broken.yaml: solver.iteratons: unknown key 'iteratons'; valid keys: discrepancy_target, evaluate_every, iterations, lr, schedule, stop, tv_weight"),
                          "\(error)")
        }
        XCTAssertThrowsError(try ProblemRegistry(folders: [scratch.appendingPathComponent("none")], catalog: bundledCatalog)) { error in
            XCTAssertTrue("\(error)".contains("none: is not a folder of problem files"), "\(error)")
        }
    }

    /// A run reads only its own problem's file: a broken file beside it does not stop it (the listing still names
    /// it), an id two folders hold is an error naming both, and an unknown id gets the same help as the registry's.
    func testARunLoadsItsOwnProblemFileAlone() throws {
        try write(Self.validProblem, in: scratch)
        try write(Self.validProblem.replacingOccurrences(of: "id: demo", with: "id: broken")
            .replacingOccurrences(of: "iterations: 10", with: "iteratons: 10"), name: "broken", in: scratch)
        let problem = try ProblemRegistry.problem("demo", extraFolders: [scratch]).problem
        XCTAssertEqual(problem.spec.id, "demo")
        XCTAssertEqual(problem.file.lastPathComponent, "demo.yaml")
        XCTAssertThrowsError(try ProblemRegistry.problem("broken", extraFolders: [scratch])) { error in
            XCTAssertTrue("\(error)".contains("broken.yaml: solver.iteratons: unknown key 'iteratons'"), "\(error)")
        }
        let other = scratch.appendingPathComponent("other")
        try write(Self.validProblem, in: other)
        XCTAssertThrowsError(try ProblemRegistry.problem("demo", extraFolders: [scratch, other])) { error in
            XCTAssertTrue("\(error)".contains("other/demo.yaml: id: 'demo' is also the id of "), "\(error)")
        }
        XCTAssertThrowsError(try ProblemRegistry.problem("sr4-face")) { error in
            XCTAssertTrue("\(error)".contains("sr4-face: no such problem; did you mean 'sr4-faces'"), "\(error)")
        }
        XCTAssertEqual(try ProblemRegistry.problem("sr4-faces").problem.spec,
                       try ProblemRegistry(folders: [bundledFolder], catalog: bundledCatalog).problem("sr4-faces").spec)
    }

    func testLookupSuggestsCloseIdsOrListsThemAll() throws {
        let registry = try ProblemRegistry(folders: [bundledFolder], catalog: bundledCatalog)
        XCTAssertEqual(try registry.problem("sr4-faces").spec.id, "sr4-faces")
        XCTAssertThrowsError(try registry.problem("sr4-face")) { error in
            XCTAssertTrue("\(error)".contains("sr4-face: no such problem; did you mean 'sr4-faces'"), "\(error)")
        }
        XCTAssertThrowsError(try registry.problem("tomography")) { error in
            XCTAssertTrue("\(error)".contains("known problems: ct-faces-60, ct-shepp-logan-180"), "\(error)")
        }
    }

    func testLocatePrefersTheEnvironmentThenTheWorkingDirectoryUpwards() throws {
        let problems = scratch.appendingPathComponent("Problems")
        let nested = scratch.appendingPathComponent("deep/er")
        try FileManager.default.createDirectory(at: problems, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let nowhere = URL(fileURLWithPath: "/nonexistent/strainer")
        XCTAssertEqual(try ProblemRegistry.locate(environment: [:], workingDirectory: nested, executable: nowhere).path,
                       problems.standardizedFileURL.path)
        XCTAssertEqual(try ProblemRegistry.locate(environment: ["STRAINER_PROBLEMS": nested.path], workingDirectory: scratch,
                                                  executable: nowhere).path, nested.path)
        XCTAssertThrowsError(try ProblemRegistry.locate(environment: ["STRAINER_PROBLEMS": "/nonexistent/folder"]))
        XCTAssertThrowsError(try ProblemRegistry.locate(environment: [:], workingDirectory: URL(fileURLWithPath: "/"),
                                                        executable: nowhere)) { error in
            XCTAssertTrue("\(error)".contains("no Problems/ folder here or above"), "\(error)")
        }
    }
}
