import Foundation
import HostileInput
import XCTest

/// The fuzz targets' inputs replayed without instrumentation through the same entry point (``InputReader``): every
/// seed (`Fuzz/corpus/<reader>/`) is read or refused with an error, never a trap, and every input a fuzz target
/// once crashed on (`Fuzz/regressions/<reader>/`) is refused at once with the one-line error listed below.
final class CorpusReplayTests: XCTestCase {
    /// `Fuzz/` in the repository.
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// Every regression file, `<reader>/<file>`, and a fragment of the error it must be refused with.
    static let regressions = [
        // 389 KB of zlib declaring 20000×20000 gray: it decompressed into 400 MB, then 1.6 GB of floats, and ran
        // out of a 2 GiB address space after 3 s. Now refused from the header.
        "png/decompression-bomb-20000x20000.png": "image of 20000×20000×1 samples is too large; expected at most 268435456 samples",
        // 16 KB whose iTXt chunk declares 2³¹ − 1 bytes (issue 21): libpng allocated 2 GB and took 3 s before its read
        // error. Now refused from the chunk headers, before libpng reads the file.
        "png/itxt-chunk-declaring-2gib.png": "its 'iTXt' chunk declares 2147483647 bytes but the file holds 15996 after it",
        // 99 bytes declaring 16128×3584 gray: libjpeg made up 58 megapixels of gray (over 2 s, and `metrics` on it
        // ran out of a 2 GiB address space). Now the missing data is an error.
        "jpeg/truncated-58-megapixels.jpg": "unreadable JPEG (libjpeg: Premature end of JPEG file); expected a complete",
        // 146 bytes declaring a 16384×16384 float image in one Deflate strip: the 1 GiB image and the 1 GiB strip
        // buffer, both zero-filled before the first byte was decoded, ran out of a 2 GiB address space.
        "tiff/float-16384x16384-in-one-strip.tif": "strips of 1073741824 decoded bytes are too large; expected at most 268435456 bytes each",
        // 160 bytes declaring 16384×16384 gray over 16 bytes of data: refused only after a gigabyte was zero-filled
        // (3.5 s). Now the image is allocated once its first strip has decoded.
        "tiff/gray-16384x16384-over-16-bytes.tif": "the strip at row 0, column 0 is truncated or corrupt; expected 16384 decoded bytes",
        // A STRAINER prior with a tensor named "decoders." (no decoder index): reading its index trapped (index out of
        // range), found by fuzz-safetensors.
        "safetensors/decoder-tensor-without-index.safetensors": "tensor 'decoders.' is not named decoders.<image>.weight or .bias",
    ]

    /// The files in `Fuzz/<folder>/<reader>/`, sorted; none when the folder is absent.
    private func inputs(_ folder: String, _ reader: InputReader) throws -> [URL] {
        let directory = Self.fuzzFolder.appendingPathComponent(folder).appendingPathComponent(reader.rawValue)
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    func testEverySeedIsReadOrRefusedInOneLine() throws {
        for reader in InputReader.allCases {
            let seeds = try inputs("corpus", reader)
            var accepted = 0
            for seed in seeds {
                do {
                    try reader.read(Data(contentsOf: seed))
                    accepted += 1
                } catch {
                    XCTAssertFalse("\(error)".contains("\n"), "\(reader.rawValue)/\(seed.lastPathComponent): \(error)")
                }
            }
            // The seeds are mostly valid input: a reader refusing all of them is broken, or no longer reached.
            XCTAssertGreaterThan(accepted, seeds.count / 2, "\(reader.rawValue): \(accepted) of \(seeds.count) seeds read")
        }
    }

    func testEveryRegressionIsRefusedAtOnceInOneLine() throws {
        var found = Set<String>()
        for reader in InputReader.allCases {
            for input in try inputs("regressions", reader) {
                let name = "\(reader.rawValue)/\(input.lastPathComponent)"
                found.insert(name)
                let bytes = try Data(contentsOf: input)
                let start = Date()
                XCTAssertThrowsError(try reader.read(bytes), name) { error in
                    let message = "\(error)"
                    XCTAssertFalse(message.contains("\n"), "\(name): \(message)")
                    XCTAssertTrue(message.contains(Self.regressions[name] ?? "\u{0}"), "\(name): \(message)")
                }
                XCTAssertLessThan(Date().timeIntervalSince(start), 2, name)
            }
        }
        XCTAssertEqual(found, Set(Self.regressions.keys), "every file in Fuzz/regressions is listed here with its error, and only those")
    }
}
