import Foundation
import Imaging
import XCTest

/// Reading files written by independent encoders (hand-made PNGs, tifffile and Pillow TIFFs; see
/// `Fixtures/make_fixtures.py`): every sample must be the stored code divided by `2^bits − 1`.
final class CodecReadTests: XCTestCase {
    private func codec(_ name: String) throws -> URL {
        try TestSupport.fixtures.appendingPathComponent("codecs").appendingPathComponent(name)
    }

    /// The pattern image with colour channels `0..<channels` of a `stored`-sample pattern, as intensities.
    private func expectedPattern(height: Int, width: Int, channels: Int, bits: Int) -> Image {
        TestSupport.image(height: height, width: width, channels: channels) { i, j, c in
            Float(TestSupport.patternCode(i, j, c, bits: bits)) / Float((1 << bits) - 1)
        }
    }

    /// The fixtures carry gAMA = 1/2.2, so a reader that applied gamma (or libpng's "linear" 16-bit output)
    /// would fail here.
    func testPNGColourTypesAtEightAndSixteenBitsReadStoredSamplesAndIgnoreAlpha() throws {
        for bits in [8, 16] {
            for (name, channels) in [("gray", 1), ("rgb", 3), ("grayalpha", 1), ("rgba", 3)] {
                let image = try ImageFile.read(codec("\(name)\(bits).png"))
                XCTAssertEqual(image, expectedPattern(height: 5, width: 7, channels: channels, bits: bits), "\(name)\(bits)")
            }
        }
    }

    func testInterlacedPNG() throws {
        for bits in [8, 16] {
            let image = try ImageFile.read(codec("rgb\(bits)_interlaced.png"))
            XCTAssertEqual(image, expectedPattern(height: 11, width: 13, channels: 3, bits: bits), "\(bits)-bit")
        }
    }

    func testLowBitGrayPNGExpandsToFullRange() throws {
        for bits in [1, 2, 4] {
            let image = try ImageFile.read(codec("gray\(bits).png"))
            XCTAssertEqual(image, expectedPattern(height: 5, width: 7, channels: 1, bits: bits), "gray\(bits)")
        }
    }

    func testPalettePNGExpandsToRGBIgnoringTransparency() throws {
        let expected = TestSupport.image(height: 5, width: 7, channels: 3) { i, j, c in
            let k = TestSupport.patternCode(i, j, 0, bits: 4)
            return Float([k * 16 + 1, 255 - k * 16, k * 7][c]) / 255
        }
        XCTAssertEqual(try ImageFile.read(codec("palette4.png")), expected)
        XCTAssertEqual(try ImageFile.read(codec("palette4_trns.png")), expected)
    }

    func testTIFFIntegerLayoutsAndCompressions() throws {
        for bits in [8, 16] {
            for (name, channels) in [("gray", 1), ("rgb", 3)] {
                let expected = expectedPattern(height: 37, width: 21, channels: channels, bits: bits)
                for layout in ["strips", "tiles_deflate"] {
                    XCTAssertEqual(try ImageFile.read(codec("\(name)\(bits)_\(layout).tif")), expected, "\(name)\(bits)_\(layout)")
                }
            }
        }
        XCTAssertEqual(try ImageFile.read(codec("rgb16_separate.tif")), expectedPattern(height: 37, width: 21, channels: 3, bits: 16))
        XCTAssertEqual(try ImageFile.read(codec("rgb8_lzw.tif")), expectedPattern(height: 37, width: 21, channels: 3, bits: 8))
        XCTAssertEqual(try ImageFile.read(codec("rgba8_extrasample.tif")), expectedPattern(height: 37, width: 21, channels: 3, bits: 8))
    }

    /// libtiff's default handler prints "Unknown field with tag 65000" to stderr for this file; ours must not.
    func testLibTIFFWarningsDoNotReachStandardError() throws {
        let log = try TestSupport.temporaryDirectory(self).appendingPathComponent("stderr.txt")
        let savedStandardError = dup(STDERR_FILENO)
        let logDescriptor = open(log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        dup2(logDescriptor, STDERR_FILENO)
        close(logDescriptor)
        let image = Result { try ImageFile.read(codec("gray8_unknown_tag.tif")) }
        fflush(nil)
        dup2(savedStandardError, STDERR_FILENO)
        close(savedStandardError)
        XCTAssertEqual(try image.get(), expectedPattern(height: 37, width: 21, channels: 1, bits: 8))
        XCTAssertEqual(try String(contentsOf: log, encoding: .utf8), "")
    }

    func testFloatTIFFKeepsValuesOutsideUnitRange() throws {
        let expected = TestSupport.image(height: 37, width: 21, channels: 3) { i, j, c in
            Float(Double(TestSupport.patternCode(i, j, c, bits: 16)) / 65535 * 3 - 1)
        }
        XCTAssertEqual(try ImageFile.read(codec("rgb32f_tiles.tif")), expected)
        let gray = try ImageFile.read(codec("gray32f_strips.tif"))
        XCTAssertEqual(gray.pixels, (0..<expected.pixelCount).map { expected.pixels[3 * $0 + 1] })
        XCTAssertLessThan(gray.pixels.min() ?? 0, 0)
        XCTAssertGreaterThan(gray.pixels.max() ?? 0, 1)
    }

    func testPlainAndRawNetpbmWithCommentsAndMaxval() throws {
        let directory = try TestSupport.temporaryDirectory(self)
        let files: [(String, String, Image)] = [
            ("plain.pgm", "P2\n# a comment\n3 2\n# another\n10\n0 5 10\n1 2 3\n",
             Image(height: 2, width: 3, channels: 1, pixels: [0, 0.5, 1, 0.1, 0.2, 0.3])),
            ("plain.ppm", "P3 1 2 4\n4 0 2\n1 1 1\n",
             Image(height: 2, width: 1, channels: 3, pixels: [1, 0, 0.5, 0.25, 0.25, 0.25])),
        ]
        for (name, text, expected) in files {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            let image = try ImageFile.read(url)
            XCTAssertEqual(image.shapeDescription, expected.shapeDescription)
            XCTAssertLessThan(TestSupport.maximumDifference(image.pixels, expected.pixels), 1e-7, name)
        }
        let raw16 = directory.appendingPathComponent("raw16.PGM")
        try Data(Array("P5 2 1 1000\n".utf8) + [0x03, 0xE8, 0x01, 0xF4]).write(to: raw16)
        XCTAssertEqual(try ImageFile.read(raw16).pixels, [1, 0.5])
    }
}
