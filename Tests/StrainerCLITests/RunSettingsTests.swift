import Foundation
import Runs
import XCTest

/// A run's config.yaml is its typed ``RunSettings``: what `compare` and `compare-priors` write reads back to the same
/// settings and the same text; `merge` compares runs through them, naming the setting in which two runs differ; an
/// older or foreign file is one error naming the file and the key.
final class RunSettingsTests: XCTestCase {
    private let repository = StrainerProcess.repository

    /// `arguments` run into `out`; the config.yaml of its run folder.
    private func configuration(of arguments: [String], out: URL) throws -> (folder: URL, text: String) {
        let result = try StrainerProcess.run(arguments + ["--out", out.path], workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let folder = try XCTUnwrap(RunFolders.runs(under: out).first)
        return (folder, try String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8))
    }

    private static let problemRun = ["compare", "denoise-faces-s01", "--prior", "random", "--images", "1", "--size", "16",
                                     "--iterations", "20", "--evaluate-every", "10"]

    func testEachKindOfRunsConfigurationRoundTripsThroughItsSettings() throws {
        let directory = try scratchFolder()
        let priors = ["compare-priors", "--dataset", "celeba-hq-178", "--images", "1", "--iterations", "10", "--evaluate-every", "5",
                      "--prior", "random", "--size", "16", "--width", "16", "--layers", "3", "--schedule", "cosine"]
        for (name, arguments) in [("problem", Self.problemRun), ("priors", priors)] {
            let (folder, text) = try configuration(of: arguments, out: directory.appendingPathComponent(name))
            let file = folder.appendingPathComponent("config.yaml").path
            let settings = try RunSettings(yaml: text, file: file)
            XCTAssertEqual(try settings.yaml(), text, "config → YAML → config gives the file back, byte for byte")
            XCTAssertEqual(try RunSettings(yaml: try settings.yaml(), file: file), settings)
            // As older builds wrote it: the learning rate widened from Float. The same settings.
            let widened = text.replacingOccurrences(of: "learning_rate: 1e-4", with: "learning_rate: 9.99999974737875e-5")
            XCTAssertNotEqual(widened, text)
            XCTAssertEqual(try RunSettings(yaml: widened, file: file), settings)
            switch (name, settings) {
            case ("problem", .problem(let problem)):
                XCTAssertEqual(problem.solver.iterations, 20)
                XCTAssertEqual(problem.priors.map(\.name), ["random"])
            case ("priors", .priorComparison(let comparison)):
                XCTAssertEqual(comparison.schedule?.hasPrefix("cosine"), true, "\(comparison)")
                XCTAssertEqual(comparison.priors, ["random"])
            default:
                XCTFail("\(name): read as \(settings)")
            }
        }
    }

    func testAFileThatIsNotARunsSettingsIsOneErrorNamingItsKey() throws {
        let directory = try scratchFolder()
        let (folder, text) = try configuration(of: Self.problemRun, out: directory)
        let file = folder.appendingPathComponent("config.yaml")
        try text.replacingOccurrences(of: "  iterations: 20\n", with: "  iterations: twenty\n").write(to: file, atomically: true, encoding: .utf8)
        let inspected = try StrainerProcess.run(["inspect", folder.path], workingDirectory: repository)
        XCTAssertEqual(inspected.status, 1)
        XCTAssertTrue(inspected.standardError.hasPrefix("error: \(file.path): solver.iterations: "), inspected.standardError)
        XCTAssertTrue(inspected.standardError.contains("; expected the config.yaml of a run of `strainer compare`, `solve` or `compare-priors`"),
                      inspected.standardError)
        try text.replacingOccurrences(of: "  iterations: 20\n", with: "").write(to: file, atomically: true, encoding: .utf8)
        let lacking = try StrainerProcess.run(["inspect", file.path], workingDirectory: repository)
        XCTAssertTrue(lacking.standardError.hasPrefix("error: \(file.path): lacks solver.iterations; expected the config.yaml"),
                      lacking.standardError)
    }

    /// Two runs of a problem with different step counts: merge names the nested setting and both values (before it
    /// would find that both ran random SIREN).
    func testMergingProblemRunsThatDifferNamesTheSetting() throws {
        let directory = try scratchFolder()
        let (short, _) = try configuration(of: Self.problemRun, out: directory.appendingPathComponent("short"))
        let (long, _) = try configuration(of: Self.problemRun.map { $0 == "20" ? "30" : $0 },
                                          out: directory.appendingPathComponent("long"))
        let merged = try StrainerProcess.run(["merge", short.path, long.path, "--out", directory.path], workingDirectory: repository)
        XCTAssertEqual(merged.standardError, "error: \(long.path)/config.yaml: solver.iterations is 30, but 20 in \(short.lastPathComponent); "
                       + "merged runs must agree on every setting but their methods\n")
    }
}
