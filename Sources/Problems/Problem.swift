import Foundation
import Imaging
import Operators

/// A problem file read and checked against the dataset catalog and the operator and noise registries.
///
/// Relative paths inside the file (blur kernels, masks, prior files) are resolved against the folder holding the
/// problem file, so a folder of problems can travel with its data.
public struct Problem: Sendable {
    public let spec: ProblemSpec
    /// The problem file.
    public let file: URL

    /// The folder relative paths in the problem file are resolved against.
    public var directory: URL { file.deletingLastPathComponent() }

    /// `path` resolved against ``directory`` unless absolute.
    public func resolve(_ path: String) -> URL { buildContext.resolve(path) }

    /// The prior file a problem names (`priors[k].file`), resolved against ``directory``, provided it lies inside the
    /// problem's folder or one of `trustedFolders` (the results folder): a problem file is something researchers
    /// download and share, and it may not point the suite at any file of the machine (`/etc/passwd`, `../../…`).
    /// Symbolic links are resolved before the check. A file elsewhere is given on the command line (`--prior FILE`).
    public func priorFile(_ path: String, key: String, trustedFolders: [URL]) throws -> URL {
        try Self.priorFile(path, of: file, key: key, trustedFolders: trustedFolders)
    }

    /// ``priorFile(_:key:trustedFolders:)`` for any problem file (a study's or a measurement problem's) at `problemFile`.
    public static func priorFile(_ path: String, of problemFile: URL, key: String, trustedFolders: [URL]) throws -> URL {
        let directory = problemFile.deletingLastPathComponent()
        let resolved = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        let file = resolved.standardizedFileURL.resolvingSymlinksInPath()
        let folders = ([directory] + trustedFolders).map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
        guard folders.contains(where: { file.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            throw ProblemError(problemFile, key: key,
                               "'\(path)' lies outside the problem's folder and the results folder; expected a prior file beside the "
                                   + "problem file or under the results folder (give one from elsewhere with --prior FILE)")
        }
        return file
    }

    /// What the operator and noise builders get: the clean image shape and ``directory``.
    public var buildContext: BuildContext { BuildContext(shape: spec.imageShape, baseDirectory: directory) }

    /// The images a learned prior of the problem trains on: `recipe`'s dataset selection, verified against its
    /// manifest and prepared (centre square, area resize) to the recipe's size and the problem's channels.
    public func trainingImages(for recipe: TrainedPriorRecipe, catalog: DatasetCatalog) throws -> [PreparedImage] {
        try ImagePreparation(size: recipe.size, channels: spec.channels).load(recipe.data, from: catalog)
    }

    /// Reads the problem file at `url` and checks it: its values (``ProblemSpec``), the datasets, splits and images it
    /// names against `catalog`, its operator, noise and baselines by building them (``BuiltProblem``), and its id
    /// against the file's name.
    public static func load(from url: URL, catalog: DatasetCatalog) throws -> Problem {
        try BuiltProblem(file: url, catalog: catalog).problem
    }

    /// The problem whose file text is `text`, checked as ``load(from:catalog:)`` checks it but for the id. `file`
    /// names it in errors and is what relative paths are resolved against.
    public static func read(_ text: String, file url: URL, catalog: DatasetCatalog) throws -> Problem {
        try BuiltProblem(text: text, file: url, catalog: catalog).problem
    }

    init(spec: ProblemSpec, file: URL) {
        self.spec = spec
        self.file = file
    }

    /// The checks of the spec that need more than the file itself but build nothing: the discrepancy stop against
    /// the noise, the datasets, splits and images against `catalog` (``BuiltProblem`` builds the rest).
    func check(catalog: DatasetCatalog) throws {
        if spec.solver.stop == .discrepancy && spec.noiseSpec == nil {
            throw ProblemError(file, key: "solver.stop", "is 'discrepancy', which compares the residual with the noise level; "
                + "the problem has no 'noise' (add one, or use stop: none)")
        }
        if case let .dataset(selection) = spec.groundTruth {
            try check(selection, at: "", catalog: catalog, crop: spec.preparation == .crop ? spec.size : nil)
        }
        for (index, prior) in spec.priors.enumerated() {
            if case let .trained(recipe) = prior.source {
                try check(recipe.data, at: "priors[\(index)].", catalog: catalog, crop: nil)
            }
        }
    }

    /// Checks that `selection` names a dataset with that split holding those images (and, for a crop, images at
    /// least `crop` pixels on a side); `prefix` is the key path of the mapping holding `dataset:`.
    private func check(_ selection: DatasetSelection, at prefix: String, catalog: DatasetCatalog, crop: Int?) throws {
        let chosen: [DatasetManifest.Entry]
        do {
            chosen = try catalog.entries(selectedBy: selection)
        } catch let refusal as DatasetSelectionRefusal {
            throw refusal.error(of: ProblemError.displayPath(of: file), prefix: prefix)
        }
        for entry in chosen {
            guard let height = entry.height, let width = entry.width else {
                throw ProblemError(file, key: prefix + "dataset", "'\(selection.dataset)' lists \(entry.file) without an image size; expected images")
            }
            if let crop, height < crop || width < crop {
                throw ProblemError(file, key: "size", "\(crop) is larger than \(entry.file) (\(height)×\(width)); a crop needs images at least that large")
            }
        }
    }
}
