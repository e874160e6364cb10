import Foundation
import XCTest
import Imaging
@testable import Problems

/// The dataset catalog: registration writes a manifest that a load verifies byte for byte, and every
/// way a dataset can be broken is reported by file name.
final class DatasetCatalogTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// The repository's `Datasets/` folder, found from this source file's location.
    private var bundledCatalog: DatasetCatalog {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return DatasetCatalog(root: repository.appendingPathComponent("Datasets"))
    }

    /// A folder `name/` with `train/` and `val/` sub-folders of small gradient images.
    private func makeImageFolder(_ name: String, train: Int, val: Int) throws -> URL {
        let folder = scratch.appendingPathComponent(name)
        for (split, count) in [("train", train), ("val", val)] {
            let splitFolder = folder.appendingPathComponent(split)
            try FileManager.default.createDirectory(at: splitFolder, withIntermediateDirectories: true)
            for index in 0..<count {
                var image = Image(height: 6, width: 5, channels: 3)
                for i in 0..<image.pixels.count { image.pixels[i] = Float((i * 7 + index * 13) % 256) / 255 }
                try ImageFile.write(image, to: splitFolder.appendingPathComponent("img\(index).png"))
            }
        }
        return folder
    }

    func testBundledDatasetsAreAllRegisteredAndIntact() throws {
        let catalog = bundledCatalog
        XCTAssertEqual(try catalog.names(), ["celeba-hq-178", "kodak24", "levin09", "natural"])
        let faces = try catalog.manifest(of: "celeba-hq-178")
        XCTAssertEqual(faces.splits, ["train", "val"])
        XCTAssertEqual(faces.entries(inSplit: "train").count, 10)
        XCTAssertEqual(faces.entries(inSplit: "val").count, 10)
        for name in try catalog.names() {
            let manifest = try catalog.manifest(of: name)
            XCTAssertNotNil(manifest.source, "\(name) must keep its SOURCE.txt")
            for split in manifest.splits { XCTAssertNoThrow(try catalog.verifiedFiles(of: name, split: split)) }
        }
        let val = try catalog.loadImages(of: "celeba-hq-178", split: "val")
        XCTAssertEqual(val.count, 10)
        XCTAssertTrue(val.allSatisfy { $0.image.shapeDescription == "178×178×3" })
    }

    func testRegisteredFolderLoadsTheSameImages() throws {
        let folder = try makeImageFolder("faces", train: 3, val: 2)
        let catalog = DatasetCatalog(root: scratch.appendingPathComponent("Datasets"))
        try Data("notes".utf8).write(to: folder.appendingPathComponent("train/notes.docx"))
        let outcome = try DatasetRegistration.register(name: "faces", folder: folder, split: nil,
                                                       description: "test faces", licence: "CC0", in: catalog)
        let manifest = outcome.manifest
        XCTAssertEqual(manifest.splits, ["train", "val"])
        XCTAssertTrue(manifest.files.allSatisfy { $0.file.hasPrefix("../../faces/") }, "relative to Datasets/faces/: \(manifest.files.map(\.file))")
        XCTAssertEqual(outcome.skipped.count, 1)
        XCTAssertTrue(outcome.skipped[0].contains("train/notes.docx: not read (a '.docx' file; images and matrices end in jpeg, jpg, "), outcome.skipped[0])
        let reread = try catalog.manifest(of: "faces")
        XCTAssertEqual(reread, manifest)
        let train = try catalog.loadImages(of: "faces", split: "train")
        XCTAssertEqual(train.map(\.name), ["img0", "img1", "img2"])
        XCTAssertEqual(train[1].image, try ImageFile.read(folder.appendingPathComponent("train/img1.png")))

        // The catalog and the images moved together (to a colleague, a cluster) load the same images.
        let moved = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-moved-\(UUID().uuidString)")
        try FileManager.default.moveItem(at: scratch, to: moved)
        defer { try? FileManager.default.moveItem(at: moved, to: scratch) }
        let movedTrain = try DatasetCatalog(root: moved.appendingPathComponent("Datasets")).loadImages(of: "faces", split: "train")
        XCTAssertEqual(movedTrain.map(\.image), train.map(\.image))
    }

    func testRelativePathsClimbToTheCommonFolder() {
        let path = { DatasetRegistration.relativePath(from: URL(fileURLWithPath: $0), to: URL(fileURLWithPath: $1)) }
        XCTAssertEqual(path("/a/Datasets/faces", "/a/Datasets/faces"), "")
        XCTAssertEqual(path("/a/Datasets/faces", "/a/Datasets/faces/raw"), "raw/")
        XCTAssertEqual(path("/a/Datasets/faces", "/a/photos/cats"), "../../photos/cats/")
        XCTAssertEqual(path("/a/Datasets/faces", "/b"), "../../../b/")
    }

    func testAddingASplitFromAnotherFolderKeepsTheOthers() throws {
        let folder = try makeImageFolder("set", train: 2, val: 1)
        let catalog = DatasetCatalog(root: scratch.appendingPathComponent("Datasets"))
        _ = try DatasetRegistration.register(name: "set", folder: folder, split: nil, description: nil, licence: nil, in: catalog)
        let extra = try makeImageFolder("extra", train: 4, val: 0).appendingPathComponent("train")
        let manifest = try DatasetRegistration.register(name: "set", folder: extra, split: "test",
                                                        description: nil, licence: nil, in: catalog).manifest
        XCTAssertEqual(manifest.splits, ["test", "train", "val"])
        XCTAssertEqual(manifest.entries(inSplit: "test").count, 4)
        XCTAssertEqual(manifest.entries(inSplit: "train").count, 2)
        XCTAssertEqual(try catalog.loadImages(of: "set", split: "test").count, 4)
        XCTAssertEqual(try catalog.loadImages(of: "set", split: "val").count, 1)
    }

    func testAlteredAndMissingFilesAreNamed() throws {
        let folder = try makeImageFolder("broken", train: 2, val: 1)
        let catalog = DatasetCatalog(root: scratch.appendingPathComponent("Datasets"))
        _ = try DatasetRegistration.register(name: "broken", folder: folder, split: nil, description: nil, licence: nil, in: catalog)

        let altered = folder.appendingPathComponent("train/img0.png")
        var bytes = try Data(contentsOf: altered)
        bytes[bytes.count - 20] ^= 0xFF
        try bytes.write(to: altered)
        XCTAssertThrowsError(try catalog.loadImages(of: "broken", split: "train")) { error in
            XCTAssertTrue("\(error)".contains("train/img0.png: altered"), "\(error)")
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("val/img0.png"))
        XCTAssertThrowsError(try catalog.loadImages(of: "broken", split: "val")) { error in
            XCTAssertTrue("\(error)".contains("val/img0.png: missing"), "\(error)")
        }
    }

    func testUnknownDatasetSplitAndManifestKeyAreErrors() throws {
        let catalog = bundledCatalog
        XCTAssertThrowsError(try catalog.manifest(of: "celeba")) { error in
            XCTAssertTrue("\(error)".contains("no dataset named 'celeba'; known datasets: celeba-hq-178"), "\(error)")
        }
        XCTAssertThrowsError(try catalog.verifiedFiles(of: "celeba-hq-178", split: "test")) { error in
            XCTAssertTrue("\(error)".contains("no split 'test'; its splits: train, val"), "\(error)")
        }
        let manifestURL = scratch.appendingPathComponent("manifest.yaml")
        try "name: x\ndescription: y\nlicence: z\nfiles: []\nlicense: typo\n".write(to: manifestURL, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DatasetManifest.read(from: manifestURL)) { error in
            XCTAssertTrue("\(error)".contains("manifest.yaml: license: unknown key 'license'"), "\(error)")
        }
    }

    func testAnEmptyFolderIsRefused() throws {
        let empty = scratch.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let catalog = DatasetCatalog(root: scratch.appendingPathComponent("Datasets"))
        XCTAssertThrowsError(try DatasetRegistration.register(name: "empty", folder: empty, split: nil,
                                                              description: nil, licence: nil, in: catalog)) { error in
            XCTAssertTrue("\(error)".contains("holds no images"), "\(error)")
        }
    }

    func testLocatePrefersTheEnvironmentThenTheWorkingDirectory() throws {
        let datasets = scratch.appendingPathComponent("Datasets")
        try FileManager.default.createDirectory(at: datasets.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        let nested = datasets.appendingPathComponent("a/b")
        XCTAssertEqual(try DatasetCatalog.locate(environment: [:], workingDirectory: nested,
                                                 executable: URL(fileURLWithPath: "/nonexistent/strainer")).root.path,
                       datasets.standardizedFileURL.path)
        XCTAssertEqual(try DatasetCatalog.locate(environment: ["STRAINER_DATASETS": nested.path], workingDirectory: scratch,
                                                 executable: URL(fileURLWithPath: "/x")).root.path, nested.path)
        XCTAssertThrowsError(try DatasetCatalog.locate(environment: ["STRAINER_DATASETS": "/nonexistent/folder"]))
    }
}
