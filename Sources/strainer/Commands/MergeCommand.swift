import ArgumentParser
import Foundation
import Problems
import Reporting
import Runs
import Yams

/// `strainer merge RUN_DIR RUN_DIR …`: one report from runs that compared different methods on the same problem.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine runs of one problem that compared different priors or baselines into one report.",
        discussion: """
            For a prior trained after a comparison: run it alone with the same settings, then merge the two runs. \
            The runs must agree on every setting except which priors and baselines they ran (the command line, \
            the problem file's location and the machine aside): \
            the same problem, images, size, seed, iterations, learning rate, evaluation interval, network, noise and \
            operator — a difference is an error naming the setting. Each method must come from one run. The merged \
            run folder holds every curve, a table computed afresh over all methods (the "to reach" columns aim at \
            random SIREN's best wherever it ran), the galleries, and each source run's config.yaml.
            """)

    @Argument(help: "Run folders (from compare or compare-priors) to merge, in the order their rows are shown.",
              completion: .directory)
    var runFolders: [String]

    @Option(help: "Folder under which the merged run folder is created.")
    var out = "Results"

    /// Settings free to differ between merged runs: which methods a run compared, how it was asked for, where its
    /// problem file was (its content is in the other settings), and the machine (runs on two CPU models agree to
    /// rounding; each source run's platform stays in the merged config.yaml).
    static let freeSettings: Set<String> = ["priors", "prior_sha256", "baselines", "command", "problem_file", "platform"]

    func validate() throws {
        guard runFolders.count >= 2 else { throw ValidationError("give at least two run folders to merge") }
    }

    func run() throws {
        let runs = try runFolders.map { try RunRecords(folder: URL(fileURLWithPath: $0)) }
        try Self.checkSettingsAgree(runs)
        let report = try RunMerge.merge(runs)
        let folder = try ReportWriter.write(report, under: URL(fileURLWithPath: out), suiteVersion: StrainerVersion.current)
        print(MarkdownReport.console(report))
        print("\nreport: \(folder.appendingPathComponent("report.html").path)")
    }

    /// `value` with every number rounded to the single precision the suite computes in: older builds wrote a
    /// learning rate of 1e-4 as 9.99999974737875e-5, the same setting.
    static func singlePrecision(_ value: Any) -> Any {
        switch value {
        case let number as Double: Float(number).recordedValue
        case let map as [String: Any]: map.mapValues(singlePrecision)
        case let list as [Any]: list.map(singlePrecision)
        default: value
        }
    }

    /// Every setting of every run's config.yaml, other than ``freeSettings``, equals the first run's (numbers in
    /// single precision).
    static func checkSettingsAgree(_ runs: [RunRecords]) throws {
        func settings(_ run: RunRecords) throws -> [String: String] {
            let file = run.folder.appendingPathComponent("config.yaml").path
            let parsed: Any?
            do { parsed = try SafeYAML.load(run.configuration) } catch {
                throw RunError("\(file): \(error)")
            }
            guard let map = parsed as? [String: Any] else {
                throw RunError("\(file): expected a mapping of settings written by compare or compare-priors")
            }
            return try map.filter { !freeSettings.contains($0.key) }.mapValues { try Yams.dump(object: singlePrecision($0), sortKeys: true) }
        }
        let reference = try settings(runs[0])
        for run in runs.dropFirst() {
            let other = try settings(run)
            for key in Set(reference.keys).union(other.keys).sorted() where reference[key] != other[key] {
                func shown(_ value: String?) -> String {
                    value.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: "; ") } ?? "absent"
                }
                throw RunError("\(run.folder.path)/config.yaml: \(key) is \(shown(other[key])), but \(shown(reference[key])) in "
                                      + "\(runs[0].folder.lastPathComponent); merged runs must agree on every setting but their methods")
            }
        }
    }
}
