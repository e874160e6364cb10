/// Why a dataset selection names no images of the catalog: the key of the selection it concerns (`dataset`,
/// `split` or `images`) and what was wrong.
public struct DatasetSelectionRefusal: Error, Equatable {
    public let key: String
    public let problem: String

    /// The refusal as an error of `file` (a problem file's path as shown, or a command-line option), its key under
    /// `prefix` (the key path of the mapping holding `dataset:`, such as `priors[1].`).
    public func error(of file: String, prefix: String = "") -> ProblemError {
        ProblemError(file: file, key: prefix + key, problem: problem)
    }
}

extension DatasetCatalog {
    /// The manifest entries `selection` names, once it is checked to name a dataset of this catalog with that split
    /// holding those images; a ``DatasetSelectionRefusal`` otherwise.
    public func entries(selectedBy selection: DatasetSelection) throws -> [DatasetManifest.Entry] {
        let known = try names()
        guard known.contains(selection.dataset) else {
            throw DatasetSelectionRefusal(key: "dataset", problem: "unknown dataset '\(selection.dataset)'; known datasets: "
                                          + "\(known.joined(separator: ", ")) (see `strainer datasets`)")
        }
        let manifest = try manifest(of: selection.dataset)
        let entries = manifest.entries(inSplit: selection.split)
        guard !entries.isEmpty else {
            throw DatasetSelectionRefusal(key: "split", problem: "dataset '\(selection.dataset)' has no split '\(selection.split)'; "
                                          + "its splits: \(manifest.splits.joined(separator: ", "))")
        }
        do {
            return try selection.images.select(from: entries) { $0.file }
        } catch {
            throw DatasetSelectionRefusal(key: "images", problem: "\(error) ('\(selection.dataset)' split '\(selection.split)')")
        }
    }
}
