import Foundation
import Imaging
import XCTest

final class JPEGReadTests: XCTestCase {
    /// 8-bit RGB and gray JPEGs decode to the samples Pillow decodes (its own libjpeg-turbo build), within one
    /// code: the two libraries may differ by a rounding in the inverse DCT or the colour conversion.
    func testReadsWhatPillowDecodes() throws {
        let fixtures = try TestSupport.fixtures
        let decoded = try JSONDecoder().decode([String: [Int]].self, from: Data(contentsOf: fixtures.appendingPathComponent("jpeg_decoded.json")))
        for (name, channels) in [("rgb.jpg", 3), ("gray.jpg", 1)] {
            let image = try JPEGFile.read(fixtures.appendingPathComponent("codecs/\(name)"))
            XCTAssertEqual([image.height, image.width, image.channels], [20, 28, channels], name)
            let expected = try XCTUnwrap(decoded[name])
            let largest = zip(image.pixels, expected).map { abs(Int(($0 * 255).rounded()) - $1) }.max()!
            XCTAssertLessThanOrEqual(largest, 1, name)
            XCTAssertEqual(try ImageFile.read(fixtures.appendingPathComponent("codecs/\(name)")), image, "by extension")
        }
    }

    /// CMYK, a truncated file, a file that is not a JPEG and a missing file: one error each, naming the file; and
    /// JPEG is not written.
    func testRefusesWhatItCannotRead() throws {
        let codecs = try TestSupport.fixtures.appendingPathComponent("codecs")
        for (name, phrase) in [("cmyk.jpg", "CMYK"), ("truncated.jpg", "unreadable JPEG"), ("gray8.png", "unreadable JPEG"),
                               ("missing.jpg", "no such file")] {
            XCTAssertThrowsError(try JPEGFile.read(codecs.appendingPathComponent(name)), name) { error in
                XCTAssertTrue("\(error)".contains(name) && "\(error)".contains(phrase), "\(error)")
            }
        }
        let out = try TestSupport.temporaryDirectory(self).appendingPathComponent("x.jpg")
        XCTAssertThrowsError(try ImageFile.write(Image(height: 2, width: 2, channels: 1), to: out)) { error in
            XCTAssertTrue("\(error)".contains("JPEG is read, not written"), "\(error)")
        }
    }
}
