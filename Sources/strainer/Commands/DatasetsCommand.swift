import ArgumentParser
import Foundation
import Problems

/// `strainer datasets`: the bundled and registered datasets, and registration of a user's folder.
struct Datasets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the datasets, or register a folder of images as a dataset.",
        subcommands: [List.self, Add.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Name, splits with image counts, image size and licence of every dataset.")

        @Flag(help: "Also check every file against the SHA-256 its manifest records.")
        var verify = false

        func run() throws {
            let catalog = try DatasetCatalog.locate()
            var rows: [[String]] = [["dataset", "splits", "image size", "licence"]]
            for name in try catalog.names() {
                let manifest = try catalog.manifest(of: name)
                if verify {
                    for split in manifest.splits { _ = try catalog.verifiedFiles(of: name, split: split) }
                }
                let splits = manifest.splits.map { "\($0) \(manifest.entries(inSplit: $0).count)" }
                rows.append([name, splits.joined(separator: ", "), sizeSummary(manifest), manifest.licence])
            }
            print(TextTable.render(rows))
            print("\n\(rows.count - 1) datasets in \(catalog.root.path)" + (verify ? "; every file matches its SHA-256" : ""))
        }

        /// The distinct image shapes, or `kernels` for a set of text matrices.
        private func sizeSummary(_ manifest: DatasetManifest) -> String {
            var shapes: [String] = []
            for entry in manifest.files {
                let shape = entry.height.map { "\($0)×\(entry.width ?? 0)×\(entry.channels ?? 1)" } ?? "matrix"
                if !shapes.contains(shape) { shapes.append(shape) }
            }
            return shapes.count <= 2 ? shapes.joined(separator: ", ") : "\(shapes.count) sizes (\(shapes[0]), …)"
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a folder of images: writes Datasets/NAME/manifest.yaml with each file's split, size and SHA-256.",
            discussion: """
                Without --split, each sub-folder of images becomes a split of its own name, and images directly in \
                FOLDER form the split 'all'. With --split, the images directly in FOLDER become that split and the \
                dataset's other splits are kept.
                """)

        @Argument(help: "The dataset's name (letters, digits, '-', '_', '.').")
        var name: String

        @Argument(help: "The folder of images (PNG, JPEG, TIFF, PGM/PPM); the manifest records their paths relative to it.", completion: .directory)
        var folder: String

        @Option(help: "Put the images directly in FOLDER into this split.")
        var split: String?

        @Option(help: "One line saying what the images are.")
        var description: String?

        @Option(help: "The licence terms, in one line.")
        var licence: String?

        func run() throws {
            let catalog = try DatasetCatalog.locate()
            let outcome = try DatasetRegistration.register(
                name: name, folder: URL(fileURLWithPath: folder), split: split,
                description: description, licence: licence, in: catalog)
            for skipped in outcome.skipped { FileHandle.standardError.write(Data("warning: \(skipped)\n".utf8)) }
            let manifest = outcome.manifest
            let splits = manifest.splits.map { "\($0) (\(manifest.entries(inSplit: $0).count))" }
            print("registered '\(manifest.name)': \(splits.joined(separator: ", ")) → \(catalog.manifestURL(of: name).path)")
        }
    }
}
