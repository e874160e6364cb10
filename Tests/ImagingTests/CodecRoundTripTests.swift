import Foundation
import Imaging
import XCTest

/// Writing then reading, across formats: exact for every code of 8- and 16-bit and for float32.
final class CodecRoundTripTests: XCTestCase {
    /// An image holding every code of `bits` (cycled), as intensities `code / (2^bits − 1)`.
    private func everyCode(bits: Int, channels: Int) -> Image {
        let maxCode = (1 << bits) - 1
        return TestSupport.image(height: 61, width: 53, channels: channels) { i, j, c in
            Float(((i * 53 + j) * channels + c) * (bits == 16 ? 21 : 1) % (maxCode + 1)) / Float(maxCode)
        }
    }

    func testIntegerRoundTripsAreExactBetweenPNGTIFFAndNetpbm() throws {
        let directory = try TestSupport.temporaryDirectory(self)
        for (bits, format) in [(8, SampleFormat.uint8), (16, .uint16)] {
            for channels in [1, 3] {
                let original = everyCode(bits: bits, channels: channels)
                var image = original
                for name in ["a.png", "b.tif", "c.pnm", "d.TIFF", "e.PNG"] {
                    let url = directory.appendingPathComponent(name)
                    try ImageFile.write(image, to: url, sampleFormat: format)
                    image = try ImageFile.read(url)
                    XCTAssertEqual(image, original, "\(bits)-bit, \(channels) channels, via \(name)")
                }
            }
        }
    }

    func testFloatTIFFRoundTripIsExactWithoutClippingForEveryCompression() throws {
        let directory = try TestSupport.temporaryDirectory(self)
        for channels in [1, 3] {
            let original = TestSupport.image(height: 19, width: 23, channels: channels) { i, j, c in
                Float(i * 23 + j) * 0.173 - 30 + Float(c) / 3
            } // includes values far outside [0, 1]
            for compression in [TIFFFile.Compression.none, .lzw, .deflate] {
                let url = directory.appendingPathComponent("float.tif")
                try TIFFFile.write(original, to: url, sampleFormat: .float32, compression: compression)
                XCTAssertEqual(try ImageFile.read(url), original, "\(channels) channels, \(compression)")
            }
            // and through a 16-bit PNG back to float TIFF: exact once quantised
            let quantised = everyCode(bits: 16, channels: channels)
            let png = directory.appendingPathComponent("q.png"), tiff = directory.appendingPathComponent("q.tif")
            try ImageFile.write(quantised, to: png, sampleFormat: .uint16)
            try ImageFile.write(try ImageFile.read(png), to: tiff, sampleFormat: .float32)
            XCTAssertEqual(try ImageFile.read(tiff), quantised)
        }
    }

    func testWritingClipsAndRoundsToNearest() throws {
        let directory = try TestSupport.temporaryDirectory(self)
        // Codes round to the nearest (0.49/255 → 0, 0.51/255 → 1, …); out-of-range values clip to 0 or 255.
        let values: [Float] = [-0.2, 0.49 / 255, 0.51 / 255, 100.4 / 255, 1.7, .infinity, -.infinity, 254.4 / 255, 254.6 / 255]
        let expected: [Float] = [0, 0, 1, 100, 255, 255, 0, 254, 255].map { $0 / 255 }
        let image = Image(height: 1, width: values.count, channels: 1, pixels: values)
        for name in ["clip.png", "clip.tif", "clip.pgm"] {
            let url = directory.appendingPathComponent(name)
            try ImageFile.write(image, to: url)
            XCTAssertEqual(try ImageFile.read(url).pixels, expected, name)
        }
    }

    func testWritesAreAtomicAndLeaveNoTemporaryFiles() throws {
        let directory = try TestSupport.temporaryDirectory(self)
        let target = directory.appendingPathComponent("kept.txt")
        try AtomicFile.write(Data("old".utf8), to: target)
        struct Interrupted: Error {}
        XCTAssertThrowsError(try AtomicFile.replace(target) { temporary in
            try Data("partial".utf8).write(to: temporary)
            throw Interrupted()
        })
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old")
        let image = Image(height: 2, width: 2, channels: 3, repeating: 0.5)
        for name in ["a.png", "b.tif", "c.ppm"] { try ImageFile.write(image, to: directory.appendingPathComponent(name)) }
        try AtomicFile.write(Data("new".utf8), to: target)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(),
                       ["a.png", "b.tif", "c.ppm", "kept.txt"])
    }
}
