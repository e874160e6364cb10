import ArgumentParser
import Foundation
import Imaging
import INR
import Problems
import Reconstruction
import Reporting
import Runs

/// `strainer reconstruct-problem FILE`: every measurement a measurement problem file names, reconstructed from every
/// prior it lists, beside the baselines; a report per measurement and one table over them all.
struct ReconstructProblemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconstruct-problem",
        abstract: "Reconstruct every measurement a problem file names (measurements:), from each of its priors, beside the baselines.",
        discussion: """
            A measurement problem file has a study's fields where they apply (id, title, operator, noise, seed, \
            network, solver, priors, baselines) with 'measurements:' (a list of {file, reference, shape}) in place of \
            a dataset, and 'stop:' (validation, validation:F, sure, discrepancy or iterations); see Problems/README.md. Each \
            measurement gets its own grid from its file and the operator, as `strainer reconstruct` does, and its own \
            report folder under --report-dir. A measurement's 'reference', when given, only scores the results.
            """)

    @Argument(help: "The measurement problem file (.yaml).", completion: .file(extensions: ["yaml", "yml"]))
    var problem: String

    @Option(help: "Folder under which each measurement's report folder is written.")
    var reportDir = "Results"

    @Option(help: "Also write each reconstruction here as <measurement>-<prior>.tif (float32).")
    var outDir: String?

    @OptionGroup var memory: MemoryOption

    @Flag(help: "Print the summary as one JSON object (a row per measurement and method, and the report folders).")
    var json = false

    func run() throws {
        let problemURL = URL(fileURLWithPath: problem)
        let loaded = try MeasurementProblem.load(problemURL, trustedFolders: [URL(fileURLWithPath: reportDir)])
        let budget = try memory.budget()
        let spec = loaded.spec
        FileHandle.standardError.write(Data("""
            reconstruct-problem: \(spec.id) — \(spec.title): \(spec.measurements.count) measurement(s) × \(loaded.starts.count) prior(s) \
            (\(loaded.starts.map(\.label).joined(separator: ", "))); stop: \(loaded.stop.map { "\($0)" } ?? "validation"); \
            up to \(spec.solver.iterations) steps each

            """.utf8))
        var table: [[String]] = []
        var reports: [String] = []
        var header: [String] = []
        for index in spec.measurements.indices {
            let progress = ReconstructionProgress()
            let result = try loaded.reconstruct(index, memory: budget) { label, step, phase in
                progress.show(step, phase: phase, stage: "measurement \(index + 1)/\(spec.measurements.count), \(label)",
                              budget: spec.solver.iterations)
            }
            let (folder, report) = try write(result, of: loaded)
            // Scores where a reference was given, "—" where none was.
            if 1 + report.header.count > header.count { header = ["measurement"] + report.header }
            table += report.rows.map { [result.name] + $0 }
            reports.append(folder.appendingPathComponent("report.html").path)
        }
        table = table.map { $0 + Array(repeating: "—", count: max(0, header.count - $0.count)) }
        guard json else {
            print(TextTable.render([header] + table))
            reports.forEach { print("report: \($0)") }
            return
        }
        let summary: [String: Any] = [
            "problem": spec.id, "rows": table.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }, "reports": reports,
        ]
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }

    /// Writes one measurement's report folder (and, with --out-dir, its reconstructions); returns the folder and the report.
    private func write(_ result: MeasurementProblem.Result, of problem: MeasurementProblem) throws -> (URL, ReconstructionReport) {
        if let outDir {
            let folder = URL(fileURLWithPath: outDir)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (label, outcome) in result.fits {
                try ImageFile.write(outcome.kept, to: folder.appendingPathComponent("\(result.name)-\(RunFolder.fileSafe(label)).tif"),
                                    sampleFormat: .float32)
            }
        }
        var facts: [(name: String, value: String)] = [
            ("problem", "\(problem.file.path) (\(problem.spec.id))"),
            ("measurement", "\(result.name) (\(result.measurement.shapeDescription))"),
            ("operator", "\(result.geometry.forward); the image grid \(result.geometry.imageShape) follows from y and the operator"),
            ("noise", result.noise.description),
        ]
        facts += problem.starts.map { (name: "prior \($0.label)", value: $0.description) }
        facts += ReconstructionProgress.closingFacts(steps: result.fits.flatMap(\.outcome.stepSeconds),
                                                     refitSteps: result.fits.map { $0.outcome.refit?.stepSeconds.count ?? 0 }.reduce(0, +))
        let report = try result.report(title: "\(problem.spec.title): \(result.name)", facts: facts)
        let configuration = RunPlatform.reconstructionConfiguration(facts)
        let folder = try report.write(under: URL(fileURLWithPath: reportDir), stem: "reconstruct-\(problem.spec.id)-\(result.name)",
                                      configuration: configuration)
        return (folder, report)
    }
}
