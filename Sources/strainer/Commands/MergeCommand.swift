import ArgumentParser
import Foundation
import Reporting
import Runs

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

    func validate() throws {
        guard runFolders.count >= 2 else { throw ValidationError("give at least two run folders to merge") }
    }

    func run() throws {
        let runs = try runFolders.map { try RunRecords(folder: URL(fileURLWithPath: $0)) }
        try RunSettings.checkAgree(runs)
        let report = try RunMerge.merge(runs)
        let folder = try ReportWriter.write(report, under: URL(fileURLWithPath: out), suiteVersion: StrainerVersion.current)
        print(MarkdownReport.console(report))
        print("\nreport: \(folder.appendingPathComponent("report.html").path)")
    }
}
