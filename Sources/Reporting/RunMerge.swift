import Foundation
import Imaging

/// Runs of one problem on the same images that compared different methods, combined into one report: a prior
/// trained after a comparison joins its table without the other methods being fitted again.
///
/// The merged report holds every curve of every run, the union of their table columns, every gallery panel (the
/// ground truth and measurement once) and every fact; its table is computed afresh, so the "to reach" columns aim
/// at random SIREN's best even when random SIREN ran in another run. Its configuration lists each source run's
/// `config.yaml` verbatim. Whether the runs' settings agree (seed, iterations, …) is the caller's to check: only
/// the caller knows which settings name the methods.
public enum RunMerge {
    /// The report of `runs` merged, in their order.
    ///
    /// - Throws: when fewer than two runs are given, when they are of different problems or images, or when a
    ///   method appears in two runs — each naming the folders concerned.
    public static func merge(_ runs: [RunRecords]) throws -> RunReport {
        guard let first = runs.first, runs.count >= 2 else {
            throw FileError(file: runs.first?.folder.path ?? "", problem: "merging needs at least two run folders")
        }
        var methodRun: [String: URL] = [:]
        for run in runs {
            guard run.summary.problem == first.summary.problem else {
                throw FileError(file: run.folder.path, problem: "is a run of \(run.summary.problem), "
                                + "\(first.folder.lastPathComponent) of \(first.summary.problem); only runs of one problem merge")
            }
            let images = Set(run.curves.map(\.image)), expected = Set(first.curves.map(\.image))
            guard images == expected else {
                throw FileError(file: run.folder.path, problem: "holds images \(images.sorted().joined(separator: ", ")), "
                                + "\(first.folder.lastPathComponent) holds \(expected.sorted().joined(separator: ", ")); "
                                + "only runs on the same images merge")
            }
            for method in Set(run.curves.map(\.method)) {
                if let other = methodRun[method] {
                    throw FileError(file: run.folder.path, problem: "method '\(method)' is also in \(other.lastPathComponent); "
                                    + "each method must come from one run only")
                }
                methodRun[method] = run.folder
            }
        }
        let curves = runs.flatMap(\.curves)
        let reference = curves.contains { $0.method == "random" } ? "random" : first.summary.table.reference
        return RunReport(
            problem: first.summary.problem, title: first.summary.title, configuration: configuration(of: runs),
            curves: curves, tableIterations: Set(runs.flatMap(\.summary.table.iterations)).sorted(), reference: reference,
            gallery: try gallery(of: runs), facts: facts(of: runs))
    }

    /// Each image's panels from every run, in order of first appearance; a caption already shown (the ground
    /// truth, the measurement) is not repeated.
    private static func gallery(of runs: [RunRecords]) throws -> [(image: String, panels: [GalleryPanel])] {
        var rows: [(image: String, panels: [GalleryPanel])] = []
        for run in runs {
            for row in run.summary.gallery {
                let index = rows.firstIndex { $0.image == row.image } ?? {
                    rows.append((row.image, []))
                    return rows.count - 1
                }()
                for panel in row.panels where !rows[index].panels.contains(where: { $0.label == panel.label }) {
                    rows[index].panels.append(GalleryPanel(label: panel.label, image: try run.panelImage(panel), detail: panel.detail,
                                                           values: try run.panelValues(panel)))
                }
            }
        }
        return rows
    }

    /// Every run's facts, each once, then the runs merged.
    private static func facts(of runs: [RunRecords]) -> [(name: String, value: String)] {
        var facts: [(name: String, value: String)] = []
        for fact in runs.flatMap(\.summary.facts) where !facts.contains(where: { $0 == (fact.name, fact.value) }) {
            facts.append((fact.name, fact.value))
        }
        return facts + [("merged from", runs.map(\.folder.lastPathComponent).joined(separator: ", "))]
    }

    /// `merged_from:` — each source run's folder name and its `config.yaml`, verbatim, as a literal block.
    private static func configuration(of runs: [RunRecords]) -> String {
        "merged_from:\n" + runs.map { run in
            let lines = run.configuration.split(separator: "\n", omittingEmptySubsequences: false)
            let body = (lines.last == "" ? lines.dropLast() : lines[...]).map { "    \($0)" }.joined(separator: "\n")
            return "- run: \(run.folder.lastPathComponent)\n  config: |\n\(body)\n"
        }.joined()
    }
}
