import Foundation
import Imaging

/// The fits of a comparison run, kept on disk as each one finishes, so that an interrupted run (Ctrl-C, a lost
/// machine) can be resumed instead of repeated: a 5-prior study on 10 faces at 2000 steps is about 11 hours on two
/// cores.
///
/// A journal lives in `<results>/.journal/<problem>-<16 hex digits>/`, the digits being the SHA-256 of the run's
/// *identity* — everything its numbers depend on: the resolved configuration (prior files' digests included) and
/// the build of the suite (its executable's SHA-256). A run with a different identity never picks up another run's
/// fits, except that a run may take over another build's journal of the same configuration when asked to
/// (``otherBuilds()``, ``adopt(_:)``); the folder's `configuration.sha256` and `build.sha256` say whose it is.
///
/// Each finished fit (one method on one image) is two files, each written atomically: its reconstruction as a
/// float32 TIFF (bit-exact), then its entry — the curve and the gallery caption — as JSON. The entry is written
/// last, so a fit counts as finished only when both files are complete. Because every random draw is seeded, a
/// resumed run reports the same PSNR/SSIM values as an uninterrupted one; only the wall-clock columns of the
/// resumed fits come from the earlier process.
///
/// A fit still running may keep its state in the journal too (``keepUnfinished(image:method:write:)``, every so
/// often), so that a resumed run continues it from there rather than from its first step; the
/// file is removed when the fit's entry is recorded.
public struct RunJournal: Sendable {
    /// What the journal keeps of one finished fit besides its reconstruction.
    public struct Entry: Codable, Equatable, Sendable {
        /// The fit's evaluations (image and method names included).
        public var curve: MethodCurve
        /// The caption of its reconstruction in the report's gallery.
        public var caption: String
        /// The step of the iterate the fit answers with (its best, or where the discrepancy principle stopped it);
        /// nil for a baseline, whose answer is its result (the curve's last point).
        public var answer: Int?

        public init(curve: MethodCurve, caption: String, answer: Int? = nil) {
            self.curve = curve
            self.caption = caption
            self.answer = answer
        }

        /// "25.86 dB · SSIM 0.812": the answer's PSNR and SSIM against the ground truth; nil without one.
        public var score: String? {
            let point = answer.map { step in curve.points.first { $0.iteration == step } } ?? curve.points.last
            guard let point, point.psnr.isFinite else { return nil }
            return String(format: "%.2f dB", point.psnr) + (point.ssim.map { String(format: " · SSIM %.3f", $0) } ?? "")
        }
    }

    /// The journal's folder (created when it first keeps a fit, finished or not).
    public let folder: URL
    /// The problem's name as it starts the folder's name.
    let problemPrefix: String
    /// SHA-256 of the configuration.
    let configurationDigest: String
    /// The build of the suite that writes this journal (its executable's SHA-256).
    public let build: String
    /// The journal's own files, by name (``keepFile(_:named:)``), written when its folder is created.
    private var ownFiles: [String: Data] = [:]

    /// The journal of the run of `problem` with this `configuration`, made by this `build` of the suite, under the
    /// results folder `results`.
    public init(results: URL, problem: String, configuration: String, build: String) {
        let identity = configuration + "\nexecutable_sha256: \(build)\n"
        problemPrefix = RunFolder.fileSafe(problem) + "-"
        folder = results.appendingPathComponent(".journal")
            .appendingPathComponent(problemPrefix + SHA256.hexDigest(of: Data(identity.utf8)).prefix(16))
        configurationDigest = SHA256.hexDigest(of: Data(configuration.utf8))
        self.build = build
    }

    /// The journal in `folder`, a `.journal/<run>` folder found on disk (to read what it holds); `nil` for a folder
    /// of another kind.
    public init?(existing folder: URL) {
        guard folder.deletingLastPathComponent().lastPathComponent == ".journal",
              FileManager.default.fileExists(atPath: folder.path) else { return nil }
        func marker(_ file: String) -> String {
            (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? "unknown"
        }
        let name = folder.lastPathComponent
        self.init(folder: folder, problemPrefix: String(name[...(name.lastIndex(of: "-") ?? name.startIndex)]),
                  configurationDigest: marker(Self.configurationFile), build: marker(Self.buildFile))
    }

    /// The journal in `folder` (another build's, found by ``otherBuilds()``).
    init(folder: URL, problemPrefix: String, configurationDigest: String, build: String) {
        self.folder = folder
        self.problemPrefix = problemPrefix
        self.configurationDigest = configurationDigest
        self.build = build
    }

    /// How many fits the journal holds.
    public var finishedCount: Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.count  // an entry being written is a hidden .tmp file
    }

    /// How many unfinished fits' states the journal holds.
    public var unfinishedCount: Int { unfinishedFiles.count }

    /// Where the state of the unfinished fit of `method` on `image` is kept, if it is (its format is the solver's
    /// business).
    public func unfinishedFile(image: String, method: String) -> URL {
        files(image: image, method: method).unfinished
    }

    /// Keeps the state of the unfinished fit of `method` on `image`: `write` writes it, atomically, to the URL given.
    public func keepUnfinished(image: String, method: String, write: (URL) throws -> Void) throws {
        try createFolder()
        try write(unfinishedFile(image: image, method: method))
    }

    /// Whether the journal holds the finished fit of `method` on `image`.
    public func contains(image: String, method: String) -> Bool {
        FileManager.default.fileExists(atPath: files(image: image, method: method).json.path)
    }

    /// The finished fit of `method` on `image`, or `nil` when the journal has none.
    ///
    /// - Throws: when the entry exists but cannot be read (a damaged journal), naming the file.
    public func entry(image: String, method: String) throws -> (entry: Entry, reconstruction: Image)? {
        guard contains(image: image, method: method) else { return nil }
        let (json, tiff, _) = files(image: image, method: method)
        let entry = try decodeEntry(json)
        guard entry.curve.image == image, entry.curve.method == method else {
            throw FileError(file: json.path, problem: "holds \(entry.curve.method) on \(entry.curve.image), expected \(method) on \(image); "
                                + "delete \(folder.path) to start the run afresh")
        }
        return (entry, try ImageFile.read(tiff))
    }

    /// Every finished fit's entry, in the order of their file names (image, then method).
    public func entries() throws -> [Entry] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { try decodeEntry(folder.appendingPathComponent($0)) }
    }

    /// The entry in `file`; a damaged one is an error naming the file and the way out.
    private func decodeEntry(_ file: URL) throws -> Entry {
        do {
            return try JSONDecoder.reportDecoder.decode(Entry.self, from: Data(contentsOf: file))
        } catch {
            throw FileError(file: file.path, problem: "not a journal entry (\(error)); delete \(folder.path) to start the run afresh")
        }
    }

    /// The states kept of unfinished fits, as files.
    public var unfinishedFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(Self.unfinishedSuffix) }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Keeps `data` as the journal's own file `name` (atomically) from the moment its folder exists: what the run needs
    /// besides its fits, such as how it was asked for. A run that keeps no fit leaves nothing (``create()`` makes the
    /// folder at once). `name` must not end in `.json` or `.unfinished.safetensors`, which are fits'.
    public mutating func keepFile(_ data: Data, named name: String) throws {
        precondition(!name.hasSuffix(".json") && !name.hasSuffix(Self.unfinishedSuffix), "\(name) would be taken for a fit")
        ownFiles[name] = data
        if FileManager.default.fileExists(atPath: folder.path) {
            try AtomicFile.write(data, to: folder.appendingPathComponent(name))
        }
    }

    /// Creates the journal's folder now, with its own files.
    public func create() throws {
        try createFolder()
    }

    /// Keeps a finished fit: its reconstruction, then its entry.
    public func record(_ entry: Entry, reconstruction: Image) throws {
        try createFolder()
        let (json, tiff, unfinished) = files(image: entry.curve.image, method: entry.curve.method)
        try ImageFile.write(reconstruction, to: tiff, sampleFormat: .float32)
        try AtomicFile.write(try JSONEncoder.reportEncoder.encode(entry), to: json)
        try? FileManager.default.removeItem(at: unfinished)
    }

    /// Removes the journal (once the run's report is written), and `.journal/` itself when no other run has one.
    public func discard() {
        try? FileManager.default.removeItem(at: folder)
        let parent = folder.deletingLastPathComponent()
        if (try? FileManager.default.contentsOfDirectory(atPath: parent.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: parent)
        }
    }

    /// Creates the folder if need be, with the files that say whose journal it is.
    func createFolder() throws {
        guard !FileManager.default.fileExists(atPath: folder.path) else { return }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write(Data(configurationDigest.utf8), to: folder.appendingPathComponent(Self.configurationFile))
        try AtomicFile.write(Data(build.utf8), to: folder.appendingPathComponent(Self.buildFile))
        for (name, data) in ownFiles { try AtomicFile.write(data, to: folder.appendingPathComponent(name)) }
    }

    static let configurationFile = "configuration.sha256"
    static let buildFile = "build.sha256"
    static let unfinishedSuffix = ".unfinished.safetensors"

    /// `<image>--<method>-<8 hex digits>.{json,tif,unfinished.safetensors}`: readable, and distinct even when two
    /// names differ only in characters a file name cannot hold.
    private func files(image: String, method: String) -> (json: URL, tiff: URL, unfinished: URL) {
        let digest = SHA256.hexDigest(of: Data("\(image)\u{0}\(method)".utf8)).prefix(8)
        let base = folder.appendingPathComponent("\(RunFolder.fileSafe(image))--\(RunFolder.fileSafe(method))-\(digest)").path
        return (URL(fileURLWithPath: base + ".json"), URL(fileURLWithPath: base + ".tif"),
                URL(fileURLWithPath: base + Self.unfinishedSuffix))
    }
}
