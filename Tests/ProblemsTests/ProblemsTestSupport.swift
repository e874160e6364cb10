import Foundation
import XCTest
@testable import Problems

/// The repository this test file lives in, found from its own path.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bundled `Datasets/` catalog.
let bundledCatalog = DatasetCatalog(root: repository.appendingPathComponent("Datasets"))

/// A scratch folder for problem files, removed after each test.
class ProblemFileTestCase: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-problems-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A small, valid problem: two validation faces at 16 × 16, a Gaussian blur, Gaussian noise, two priors, a baseline.
    static let validProblem = """
        id: demo
        title: A small test problem
        dataset: celeba-hq-178
        split: val
        images: 2
        size: 16
        channels: 3
        operator: {name: blur, kernel: gaussian, sigma: 1}
        noise: {name: gaussian, sigma: 0.1}
        seed: 7
        solver: {iterations: 10, lr: 1.0e-3, evaluate_every: 5}
        priors:
          - {kind: random}
          - {kind: strainer, dataset: celeba-hq-178, images: 3, iterations: 100}
        baselines:
          - {name: tv, weight: 0.1}
        """

    /// `text` written as `<folder>/<name>.yaml` (the scratch folder by default).
    @discardableResult
    func write(_ text: String, name: String = "demo", in folder: URL? = nil) throws -> URL {
        let folder = folder ?? scratch!
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("\(name).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Loads `text` as the problem file `demo.yaml`.
    func load(_ text: String, name: String = "demo") throws -> Problem {
        try Problem.load(from: write(text, name: name), catalog: bundledCatalog)
    }

    /// The valid problem with the line starting with `key:` replaced by `replacement` (appended when absent).
    func variant(_ key: String, _ replacement: String) -> String {
        var lines = Self.validProblem.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let index = lines.firstIndex(where: { $0.hasPrefix("\(key):") }) {
            lines[index] = replacement
            // Drop the replaced key's indented block (the list items of priors/baselines).
            while index + 1 < lines.count, lines[index + 1].hasPrefix("  ") { lines.remove(at: index + 1) }
        } else {
            lines.append(replacement)
        }
        return lines.joined(separator: "\n")
    }

    /// Asserts that loading `text` fails with a ``ProblemError`` for `key` whose message is exactly
    /// `<scratch>/demo.yaml: <key>: <problem…>` and contains `problem`.
    func assertRejected(_ text: String, key: String?, _ problem: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try load(text), file: file, line: line) { error in
            guard let error = error as? ProblemError else {
                return XCTFail("expected a ProblemError, got \(type(of: error)): \(error)", file: file, line: line)
            }
            XCTAssertTrue(error.file.hasSuffix("/demo.yaml"), "the error names the file: \(error)", file: file, line: line)
            XCTAssertEqual(error.key, key, "\(error)", file: file, line: line)
            XCTAssertTrue(error.problem.contains(problem), "\(error)", file: file, line: line)
            let prefix = "\(error.file): " + (key.map { "\($0): " } ?? "")
            XCTAssertTrue(error.description.hasPrefix(prefix), "one line, file then key: \(error)", file: file, line: line)
        }
    }
}
