import Foundation
import Imaging

/// Every problem the suite knows: the `*.yaml` files of the `Problems/` folder and of any extra folders, each
/// read and checked (``Problem/load(from:catalog:)``). Ids are unique across all folders.
public struct ProblemRegistry: Sendable {
    /// The problems, sorted by id.
    public let problems: [Problem]

    /// The folder of bundled problems inside the repository.
    public static let folderName = "Problems"

    /// Loads the problems of `folders` (in order), checking each against `catalog`. A folder named twice (by
    /// any spelling of its path: `Problems`, `./Problems/`, a symbolic link to it) is read once.
    public init(folders: [URL], catalog: DatasetCatalog) throws {
        var loaded: [Problem] = []
        var seen: Set<String> = []
        for folder in folders where seen.insert(folder.resolvingSymlinksInPath().standardizedFileURL.path).inserted {
            for file in try Self.problemFiles(in: folder) {
                let problem = try Problem.load(from: file, catalog: catalog)
                if let other = loaded.first(where: { $0.spec.id == problem.spec.id }) {
                    throw ProblemError(file, key: "id",
                                       "'\(problem.spec.id)' is also the id of \(ProblemError.displayPath(of: other.file)); expected ids to be unique")
                }
                loaded.append(problem)
            }
        }
        problems = loaded.sorted { $0.spec.id < $1.spec.id }
    }

    /// The bundled problems (``locate(environment:workingDirectory:executable:)``) plus those of `extraFolders`,
    /// checked against the located dataset catalog.
    public static func load(extraFolders: [URL] = []) throws -> ProblemRegistry {
        try ProblemRegistry(folders: [locate()] + extraFolders, catalog: DatasetCatalog.locate())
    }

    /// The ids, sorted.
    public var ids: [String] { problems.map(\.spec.id) }

    /// The problem called `id`; the error lists the closest ids, or all of them.
    public func problem(_ id: String) throws -> Problem {
        if let problem = problems.first(where: { $0.spec.id == id }) { return problem }
        throw Self.unknown(id, among: ids)
    }

    /// The problem called `id` in the bundled problems or `extraFolders`, changed by `overrides` and built by
    /// `builders` (``BuiltProblem``), reading and checking only its own file `<id>.yaml` (a problem's id is its
    /// file's name): a run needs one problem, not every file's operator built, and a broken file elsewhere does not
    /// stop it. Two folders holding `<id>.yaml` is an error, as in ``init(folders:catalog:)``.
    public static func problem(_ id: String, extraFolders: [URL] = [], overrides: ProblemOverrides = ProblemOverrides(),
                               builders: ProblemBuilders = .standard) throws -> BuiltProblem {
        try BuiltProblem(file: file(of: id, extraFolders: extraFolders), catalog: try DatasetCatalog.locate(),
                         overrides: overrides, builders: builders)
    }

    /// The file `<id>.yaml` of the bundled problems or `extraFolders`, found by its name alone.
    private static func file(of id: String, extraFolders: [URL]) throws -> URL {
        var seen: Set<String> = []
        var ids: [String] = []
        var matches: [URL] = []
        for folder in [try locate()] + extraFolders where seen.insert(folder.resolvingSymlinksInPath().standardizedFileURL.path).inserted {
            for file in try problemFiles(in: folder) {
                let stem = file.deletingPathExtension().lastPathComponent
                ids.append(stem)
                if stem == id { matches.append(file) }
            }
        }
        guard let file = matches.first else { throw unknown(id, among: ids.sorted()) }
        if matches.count > 1 {
            throw ProblemError(matches[1], key: "id",
                               "'\(id)' is also the id of \(ProblemError.displayPath(of: file)); expected ids to be unique")
        }
        return file
    }

    /// "no such problem", with the closest of `ids`, or all of them.
    private static func unknown(_ id: String, among ids: [String]) -> ProblemError {
        let close = closest(to: id, among: ids)
        let hint = close.isEmpty ? "known problems: \(ids.joined(separator: ", "))"
            : "did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
        return ProblemError(file: id, key: nil, problem: "no such problem; \(hint) (see `strainer problems`)")
    }

    /// The `ids` containing `id`, else those nearest to it in edit distance (at most max(2, |id|/4) edits away).
    private static func closest(to id: String, among ids: [String]) -> [String] {
        let containing = ids.filter { $0.contains(id) }
        if !containing.isEmpty { return containing }
        let distances = ids.map { ($0, Self.editDistance($0, id)) }.filter { $0.1 <= max(2, id.count / 4) }
        let nearest = distances.map(\.1).min()
        return distances.filter { $0.1 == nearest }.map(\.0)
    }

    /// Finds the bundled problems folder: `$STRAINER_PROBLEMS` if set, else `Problems/` in the working directory
    /// or one of its parents, else `Problems/` beside or above the running executable — as
    /// ``DatasetCatalog/locate(environment:workingDirectory:executable:)`` finds `Datasets/`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                              executable: URL = URL(fileURLWithPath: CommandLine.arguments[0])) throws -> URL {
        try BundledFolder(name: folderName, variable: "STRAINER_PROBLEMS")
            .locate(environment: environment, workingDirectory: workingDirectory, executable: executable)
    }

    /// The `*.yaml` files directly in `folder`, sorted by name.
    static func problemFiles(in folder: URL) throws -> [URL] {
        guard BundledFolder.isDirectory(folder) else { throw FileError(file: folder.path, problem: "is not a folder of problem files") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw FileError(file: folder.path, problem: "cannot list the folder (\(error.localizedDescription))")
        }
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Levenshtein distance, for "did you mean".
    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
