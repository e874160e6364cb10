import Foundation
import Imaging
import XCTest

/// `strainer denoise`, run as a user would.
final class DenoiseCommandTests: XCTestCase {
    /// A constant image with no noise comes back constant (BM3D keeps the 3-D DC); the JSON line carries the time
    /// and the PSNR against the truth given.
    func testDenoisesAFileAndReportsTimeAndPSNR() throws {
        let directory = try scratchFolder()
        let flat = directory.appendingPathComponent("flat.tif"), output = directory.appendingPathComponent("out.tif")
        try ImageFile.write(Image(height: 24, width: 20, channels: 3, repeating: 0.4), to: flat, sampleFormat: .float32)
        let result = try StrainerProcess.run(["denoise", "--json", "--baseline", "{name: bm3d, sigma: 0.05}", "--truth", flat.path,
                                              flat.path, output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        XCTAssertGreaterThan(try XCTUnwrap(object["seconds"] as? Double), 0)
        XCTAssertGreaterThan(try XCTUnwrap(object["psnr"] as? Double), 80)
        for sample in try ImageFile.read(output).pixels { XCTAssertEqual(sample, 0.4, accuracy: 1e-4) }
    }

    func testBadInputIsOneErrorLine() throws {
        let directory = try scratchFolder()
        let small = directory.appendingPathComponent("small.tif"), output = directory.appendingPathComponent("out.tif")
        try ImageFile.write(Image(height: 6, width: 12, channels: 1, repeating: 0.5), to: small, sampleFormat: .float32)
        let cases: [([String], String)] = [
            (["--baseline", "{name: bm3d, sigma: 0}", small.path, output.path],
             "error: bm3d: parameter 'sigma' must be a finite noise standard deviation > 0 (intensities in [0, 1]), got 0.0\n"),
            (["--baseline", "{name: bm3d, sigma: 0.1}", small.path, output.path],
             "error: bm3d: parameter 'image' is 6×12; expected at least 8×8 pixels (one block)\n"),
        ]
        for (arguments, message) in cases {
            let result = try StrainerProcess.run(["denoise"] + arguments)
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.standardError, message)
        }
        // An output that cannot hold float32 is a usage error, found before the input is read.
        let png = directory.appendingPathComponent("out.png").path
        let usage = try StrainerProcess.run(["denoise", small.path, png])
        XCTAssertEqual(usage.status, 64)
        XCTAssertTrue(usage.standardError.hasPrefix("Error: OUTPUT must end in .tif or .tiff (the result is float32), got '\(png)'\n"),
                      usage.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    }
}
