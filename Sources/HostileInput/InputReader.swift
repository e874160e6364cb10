import Foundation
import Imaging
import INR
import Priors
import Problems

/// The suite's readers of input it did not write, each fed raw bytes the way the command-line tool reads a file
/// or an option of that kind: the fuzz targets (`Fuzz/`) and the corpus tests (`Tests/HostileInputTests`) both
/// call ``read(_:)``, so a file that once crashed a fuzz target is replayed through exactly the same code.
///
/// Bad input must end in a thrown error; a trap, a hang or unbounded memory is a bug in the reader. The raw value
/// names the reader's fuzz target (`fuzz-<raw value>`) and its folders in `Fuzz/corpus` and `Fuzz/regressions`.
public enum InputReader: String, CaseIterable, Sendable {
    /// ``PNGFile`` through ``ImageFile``.
    case png
    /// ``TIFFFile`` through ``ImageFile``.
    case tiff
    /// ``NetpbmFile`` (PGM/PPM) through ``ImageFile``.
    case netpbm
    /// ``JPEGFile`` through ``ImageFile``.
    case jpeg
    /// A prior or network checkpoint: ``SafeTensors`` parsed, then read as a ``PriorFile`` (whose fitted and meta
    /// kinds load a `Network` checkpoint).
    case safetensors
    /// A problem file (``Problem/read(_:file:catalog:)``): YAML, its values, datasets, operator and noise.
    case problem
    /// An operator or noise specification as `strainer simulate --operator`/`--noise` takes it (``OperatorSpecSample``).
    case operatorSpec = "operator-spec"

    /// Reads `bytes` as this kind of input; throws the reader's error when they are not valid input.
    public func read(_ bytes: Data) throws {
        switch self {
        case .png: _ = try ScratchFile.read(bytes, extension: "png", with: ImageFile.read)
        case .tiff: _ = try ScratchFile.read(bytes, extension: "tif", with: ImageFile.read)
        case .netpbm: _ = try ScratchFile.read(bytes, extension: "pnm", with: ImageFile.read)
        case .jpeg: _ = try ScratchFile.read(bytes, extension: "jpg", with: ImageFile.read)
        case .safetensors:
            let name = "input.safetensors"
            _ = try PriorFile.decode(SafeTensors.decode(bytes, file: name), file: name)
        case .problem:
            _ = try Problem.read(String(decoding: bytes, as: UTF8.self), file: Self.problemFile, catalog: Self.catalog)
        case .operatorSpec:
            try OperatorSpecSample.simulate(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The datasets problem files are checked against: the repository's `Datasets/` when found from the working
    /// directory (as `make fuzz` and `swift test` run), else none (every dataset is then unknown).
    private static let catalog = (try? DatasetCatalog.locate())
        ?? DatasetCatalog(root: ScratchFile.directory.appendingPathComponent("no-datasets"))

    /// Where a problem read from bytes is taken to be: in `Problems/` beside the datasets, as the bundled problems
    /// are, so their relative paths (`../Datasets/levin09/levin09_1.txt`) resolve. Nothing is written there.
    private static let problemFile = catalog.root.deletingLastPathComponent()
        .appendingPathComponent(ProblemRegistry.folderName).appendingPathComponent("input.yaml")
}
