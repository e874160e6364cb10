import Foundation
import Imaging
import XCTest

/// Bad input gives an ``ImagingError`` naming the file, the problem and what was expected — never a crash.
final class CodecErrorTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try TestSupport.temporaryDirectory(self)
    }

    private func file(_ name: String, _ bytes: some Sequence<UInt8>) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    func testMissingFileInEveryFormat() throws {
        for name in ["absent.png", "absent.tif", "absent.pgm"] {
            let url = directory.appendingPathComponent(name)
            TestSupport.assertImagingError(.cannotOpen, mentioning: [name, "no such file"]) { try ImageFile.read(url) }
        }
    }

    func testUnknownExtensionOnReadAndWrite() throws {
        let url = try file("picture.webp", [0x52, 0x49])
        TestSupport.assertImagingError(.unknownExtension, mentioning: ["picture.webp", "'webp'", ".png", ".jpg"]) { try ImageFile.read(url) }
        TestSupport.assertImagingError(.unknownExtension, mentioning: ["noextension"]) {
            try ImageFile.write(Image(height: 1, width: 1, channels: 1), to: self.directory.appendingPathComponent("noextension"))
        }
    }

    func testTruncatedPNGIsAnError() throws {
        let camera = try Data(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("Datasets/natural/camera.png"))
        for length in [4, 40, camera.count / 2, camera.count - 20] {
            let url = try file("cut\(length).png", camera.prefix(length))
            TestSupport.assertImagingError(.malformed, mentioning: ["cut\(length).png", "PNG"]) { try ImageFile.read(url) }
        }
    }

    func testTextFileNamedTIFFOrPNGIsAnError() throws {
        let tiff = try file("notes.tiff", Array("these are notes, not an image\n".utf8))
        TestSupport.assertImagingError(.malformed, mentioning: ["notes.tiff", "TIFF"]) { try ImageFile.read(tiff) }
        let png = try file("notes.png", Array("these are notes, not an image\n".utf8))
        TestSupport.assertImagingError(.malformed, mentioning: ["notes.png", "signature"]) { try ImageFile.read(png) }
        let pgm = try file("notes.pgm", Array("these are notes".utf8))
        TestSupport.assertImagingError(.malformed, mentioning: ["notes.pgm", "P2, P3, P5 or P6"]) { try ImageFile.read(pgm) }
    }

    func testTruncatedTIFFIsAnError() throws {
        let source = try TestSupport.fixtures.appendingPathComponent("codecs/rgb16_strips.tif")
        let bytes = try Data(contentsOf: source)
        for length in [100, bytes.count / 2] {
            let url = try file("cut\(length).tif", bytes.prefix(length))
            XCTAssertThrowsError(try ImageFile.read(url)) { error in
                XCTAssertTrue("\(error)".contains("cut\(length).tif"), "\(error)")
            }
        }
    }

    func testEmptyImages() throws {
        let empty = try file("empty.pgm", Array("P5 0 0 255\n".utf8))
        TestSupport.assertImagingError(.emptyImage, mentioning: ["empty.pgm", "0×0"]) { try ImageFile.read(empty) }
        for name in ["out.png", "out.tif", "out.pgm"] {
            TestSupport.assertImagingError(.emptyImage, mentioning: [name, "0×0"]) {
                try ImageFile.write(Image(height: 0, width: 0, channels: 1), to: self.directory.appendingPathComponent(name))
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.png").path))
    }

    func testUnsupportedTIFFSampleTypesAndLayouts() throws {
        let codecs = try TestSupport.fixtures.appendingPathComponent("codecs")
        let cases = [("unsupported_uint32.tif", "32-bit unsigned integer"),
                     ("unsupported_complex.tif", "complex"),
                     ("unsupported_4samples.tif", "4 samples per pixel")]
        for (name, phrase) in cases {
            TestSupport.assertImagingError(.unsupported, mentioning: [name, phrase, "expected"]) {
                try ImageFile.read(codecs.appendingPathComponent(name))
            }
        }
    }

    func testUnsupportedNetpbmAndBadSamples() throws {
        let bitmap = try file("bits.pnm", Array("P1 2 2 1 0 0 1".utf8))
        TestSupport.assertImagingError(.unsupported, mentioning: ["bits.pnm", "P1"]) { try ImageFile.read(bitmap) }
        let big = try file("big.pgm", Array("P2 1 1 70000 5".utf8))
        TestSupport.assertImagingError(.unsupported, mentioning: ["big.pgm", "maxval 70000"]) { try ImageFile.read(big) }
        let above = try file("above.pgm", Array("P2 2 1 10 3 11".utf8))
        TestSupport.assertImagingError(.malformed, mentioning: ["above.pgm", "above maxval"]) { try ImageFile.read(above) }
        let short = try file("short.ppm", Array("P6 2 2 255\n".utf8) + [1, 2, 3])
        TestSupport.assertImagingError(.malformed, mentioning: ["short.ppm", "truncated"]) { try ImageFile.read(short) }
    }

    func testFormatsThatCannotStoreTheRequest() throws {
        let rgb = Image(height: 2, width: 2, channels: 3, repeating: 0.5)
        for name in ["f.png", "f.pgm"] {
            TestSupport.assertImagingError(.invalidArgument, mentioning: [name, "32-bit float", ".tif"]) {
                try ImageFile.write(rgb, to: self.directory.appendingPathComponent(name), sampleFormat: .float32)
            }
        }
        TestSupport.assertImagingError(.invalidArgument, mentioning: ["rgb.pgm", "3-channel"]) {
            try ImageFile.write(rgb, to: self.directory.appendingPathComponent("rgb.pgm"))
        }
        TestSupport.assertImagingError(.invalidArgument, mentioning: ["two.png", "2 channels"]) {
            try ImageFile.write(Image(height: 2, width: 2, channels: 2), to: self.directory.appendingPathComponent("two.png"))
        }
        let nan = Image(height: 1, width: 2, channels: 1, pixels: [0, .nan])
        TestSupport.assertImagingError(.invalidArgument, mentioning: ["nan.png", "column 1", "NaN"]) {
            try ImageFile.write(nan, to: self.directory.appendingPathComponent("nan.png"))
        }
        TestSupport.assertImagingError(.writeFailed, mentioning: ["missing-dir"]) {
            try ImageFile.write(rgb, to: self.directory.appendingPathComponent("missing-dir/x.tif"))
        }
    }
}
