import Foundation
import Imaging
import XCTest

/// Images holding NaN or ±inf (issue 21): `simulate` refuses to write such a measurement (it used to exit 0
/// having written ±inf), and `metrics` refuses to compare one (it used to print `PSNR inf dB`, `SSIM -nan`).
final class NonFiniteImageTests: XCTestCase {
    func testSimulateRefusesToWriteANonFiniteMeasurement() throws {
        let output = try scratchFolder().appendingPathComponent("y.tif")
        try assertRefused(["simulate", "--operator", "{name: identity}", "--noise", "{name: gaussian, sigma: 1e300}",
                           "--phantom", "shepp-logan", "--size", "16", output.path], within: 10,
                          mentioning: ["y.tif': the measurement holds 256 non-finite samples (NaN or ±inf)", "expected finite values"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    }

    func testMetricsRefusesAnImageHoldingInfinityOrNaN() throws {
        let folder = try scratchFolder()
        let reference = folder.appendingPathComponent("reference.tif"), test = folder.appendingPathComponent("test.tif")
        var pixels = Array(repeating: Float(0.5), count: 256)
        try ImageFile.write(Image(height: 16, width: 16, channels: 1, pixels: pixels), to: reference, sampleFormat: .float32)
        pixels[17] = .infinity
        pixels[40] = .nan
        try ImageFile.write(Image(height: 16, width: 16, channels: 1, pixels: pixels), to: test, sampleFormat: .float32)
        try assertRefused(["metrics", reference.path, test.path], within: 10,
                          mentioning: ["test.tif': the image holds 2 non-finite samples (NaN or ±inf), the first inf at row 1, column 1, channel 0"])
        try assertRefused(["metrics", test.path, reference.path, "--json"], within: 10, mentioning: ["test.tif': the image holds 2"])
    }
}
