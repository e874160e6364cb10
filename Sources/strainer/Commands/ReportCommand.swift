import ArgumentParser
import Foundation
import Reporting
import Runs
import Solver

/// `strainer report RUN_DIR`: renders a run's `report.md` and `report.html` again from its records; given the
/// journal of a run still going (or interrupted), prints a provisional table of the fits finished so far.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render report.md and report.html of a run folder again, or print a provisional table from a run's journal.",
        discussion: """
            Given a run folder under Results/, renders report.md and report.html again from its summary.json, \
            metrics.csv and images/. Given the journal of a run still going or interrupted \
            (Results/.journal/<run>/), prints on stdout the comparison table over the images every method has \
            finished so far, their per-image table, and where each unfinished fit stands; it writes nothing.
            """)

    @Argument(help: "A run folder under Results/, or a run's journal folder under Results/.journal/.", completion: .directory)
    var runFolder: String

    func run() throws {
        let folder = URL(fileURLWithPath: runFolder)
        if let journal = RunJournal(existing: folder) {
            print(try Self.provisional(journal))
            return
        }
        try ReportRenderer.render(runFolder: folder)
        print(folder.appendingPathComponent("report.html").path)
    }

    /// The tables over the images that every method of `journal` has finished, and the unfinished fits' steps.
    static func provisional(_ journal: RunJournal) throws -> String {
        let curves = try journal.entries().map(\.curve)
        var methods: [String] = [], images: [String] = []
        for curve in curves {
            if !methods.contains(curve.method) { methods.append(curve.method) }
            if !images.contains(curve.image) { images.append(curve.image) }
        }
        let complete = images.filter { image in methods.allSatisfy { method in curves.contains { $0.image == image && $0.method == method } } }
        var lines = ["Provisional: \(curves.count) fit(s) finished; \(complete.count) of \(images.count) image(s) finished by every method "
                     + "(\(methods.joined(separator: ", "))), which the tables average."]
        if let problem = curves.first?.problem, !complete.isEmpty {
            let kept = curves.filter { complete.contains($0.image) }
            let reference = methods.contains("random") ? "random" : methods[0]
            let last = kept.flatMap { $0.points.map(\.iteration) }.max() ?? 0
            let table = ComparisonTable(problem: problem, curves: kept, iterations: PreparedRun.tableIterations.filter { $0 <= last },
                                        reference: reference)
            lines += ["", MarkdownReport.table(table)]
            let perImage = PerImageTable(problem: problem, curves: kept, methods: methods, reference: reference)
            if perImage.isInformative { lines += ["", MarkdownReport.table(perImage)] }
        }
        for file in journal.unfinishedFiles {
            let state = try SolverState.read(file)
            let best = state.best.map { String(format: ", best PSNR %.2f dB so far", state.evaluations[$0.index].psnr) } ?? ""
            let name = file.lastPathComponent.replacingOccurrences(of: ".unfinished.safetensors", with: "")
            lines.append("running: \(name) at step \(state.iteration)\(best)")
        }
        return lines.joined(separator: "\n")
    }
}
