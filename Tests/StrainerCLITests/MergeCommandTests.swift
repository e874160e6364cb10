import Foundation
import XCTest

/// `strainer merge`: two runs that each fitted one prior make the report one run fitting both would have made.
final class MergeCommandTests: XCTestCase {
    private let repository = StrainerProcess.repository
    private let toyNetwork = ["--size", "16", "--width", "16", "--layers", "3"]

    /// `compare-priors` on two val faces with the given priors, checked to succeed; returns its run folder.
    private func comparePriors(_ priors: [String], out: URL, extra: [String] = []) throws -> URL {
        let result = try StrainerProcess.run(["compare-priors", "--dataset", "celeba-hq-178", "--images", "2", "--iterations", "60",
                                              "--evaluate-every", "10", "--out", out.path]
                                             + priors.flatMap { ["--prior", $0] } + toyNetwork + extra, workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let runs = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }
        XCTAssertEqual(runs.count, 1, "\(runs)")
        return out.appendingPathComponent(runs[0])
    }

    /// The rows of metrics.csv without the wall-clock column, sorted (runs list their fits in different orders).
    private func measuredRows(_ run: URL) throws -> [String] {
        let csv = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8)
        return csv.split(separator: "\n").map { line in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false)
            cells.remove(at: 8)
            return cells.joined(separator: ",")
        }.sorted()
    }

    /// The Markdown table's rows without the wall-clock column (seconds, third cell from the end).
    private func tableWithoutTimes(_ markdown: String) -> [String] {
        markdown.split(separator: "\n").prefix { $0.hasPrefix("|") }.map { line in
            var cells = line.split(separator: "|", omittingEmptySubsequences: false)
            cells.remove(at: cells.count - 3)
            return cells.joined(separator: "|")
        }
    }

    func testTwoRunsMergeIntoTheReportOfOneRunWithBothPriors() throws {
        let scratch = try scratchFolder()
        let prior = scratch.appendingPathComponent("faces.safetensors").path
        let train = try StrainerProcess.run(["train-prior", "--dataset", "celeba-hq-178", "--images", "3", "--iterations", "20",
                                             "--out", prior] + toyNetwork, workingDirectory: repository)
        XCTAssertEqual(train.status, 0, train.standardError)

        let both = try comparePriors(["random", prior], out: scratch.appendingPathComponent("both"))
        let random = try comparePriors(["random"], out: scratch.appendingPathComponent("random"))
        let learned = try comparePriors([prior], out: scratch.appendingPathComponent("learned"))
        // As if the learned prior's run came from an older build on another machine: the learning rate widened from
        // Float as older builds wrote it, another CPU. Both still merge.
        let learnedConfig = learned.appendingPathComponent("config.yaml")
        let edited = try String(contentsOf: learnedConfig, encoding: .utf8)
            .replacingOccurrences(of: "learning_rate: 1e-4", with: "learning_rate: 9.99999974737875e-5")
            .replacingOccurrences(of: "\n  cpu: ", with: "\n  cpu: Another CPU, was ")
        XCTAssertTrue(edited.contains("9.99999974737875e-5") && edited.contains("Another CPU"), edited)
        try edited.write(to: learnedConfig, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("merged")
        let merge = try StrainerProcess.run(["merge", random.path, learned.path, "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(merge.status, 0, merge.standardError)
        let merged = try XCTUnwrap(try FileManager.default.contentsOfDirectory(at: out, includingPropertiesForKeys: nil).first)

        XCTAssertEqual(try measuredRows(merged), try measuredRows(both), "same seed, same bits: each fit is the one the joint run made")
        let jointTable = try String(contentsOf: both.appendingPathComponent("report.md"), encoding: .utf8)
            .components(separatedBy: "\n\n").first { $0.hasPrefix("| method") }
        XCTAssertEqual(tableWithoutTimes(merge.standardOutput), tableWithoutTimes(try XCTUnwrap(jointTable)))
        XCTAssertTrue(tableWithoutTimes(merge.standardOutput)[3].hasPrefix("| strainer | "), merge.standardOutput)

        let summary = try String(contentsOf: merged.appendingPathComponent("summary.json"), encoding: .utf8)
        XCTAssertTrue(summary.contains("\"value\" : \"\(random.lastPathComponent), \(learned.lastPathComponent)\""), summary)
        let config = try String(contentsOf: merged.appendingPathComponent("config.yaml"), encoding: .utf8)
        XCTAssertTrue(config.hasPrefix("merged_from:\n- run: \(random.lastPathComponent)\n  config: |\n    command: compare-priors\n"), config)
        let html = try String(contentsOf: merged.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertEqual(html.components(separatedBy: ">ground truth<").count - 1, 2, "each image's ground truth once, for 2 images")
        XCTAssertTrue(html.contains(">strainer (best, step "), "the second run's reconstructions join the gallery")
    }

    func testRunsThatDisagreeOrRepeatAMethodAreRefused() throws {
        let scratch = try scratchFolder()
        let short = try comparePriors(["random"], out: scratch.appendingPathComponent("short"))
        let long = try comparePriors(["random"], out: scratch.appendingPathComponent("long"), extra: ["--seed", "3"])

        let settings = try StrainerProcess.run(["merge", short.path, long.path, "--out", scratch.path], workingDirectory: repository)
        XCTAssertNotEqual(settings.status, 0)
        XCTAssertEqual(settings.standardError, "error: \(long.path)/config.yaml: seed is 3, but 0 in \(short.lastPathComponent); "
                       + "merged runs must agree on every setting but their methods\n")

        let twice = try StrainerProcess.run(["merge", short.path, short.path, "--out", scratch.path], workingDirectory: repository)
        XCTAssertNotEqual(twice.status, 0)
        XCTAssertEqual(twice.standardError, "error: \(short.path): method 'random' is also in \(short.lastPathComponent); "
                       + "each method must come from one run only\n")

        let one = try StrainerProcess.run(["merge", short.path], workingDirectory: repository)
        XCTAssertNotEqual(one.status, 0)
        XCTAssertTrue(one.standardError.contains("give at least two run folders to merge"), one.standardError)
    }
}
