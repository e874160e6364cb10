import Foundation
import Imaging
import XCTest

/// Runs the built `strainer metrics` on temporary files: outputs against closed forms, and bad input.
final class MetricsCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try scratchFolder()
    }

    /// A constant gray PNG of `code / 255` in the temporary directory.
    private func grayPNG(_ name: String, code: Int, size: Int = 16) throws -> String {
        let url = directory.appendingPathComponent(name)
        try ImageFile.write(Image(height: size, width: size, channels: 1, repeating: Float(code) / 255), to: url)
        return url.path
    }

    func testJSONOutputIsOneObjectWithTheClosedFormValues() throws {
        let result = try StrainerProcess.run(["metrics", try grayPNG("a.png", code: 51), try grayPNG("b.png", code: 77), "--json"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardError, "")
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.standardOutput)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Double])
        XCTAssertEqual(Set(object.keys), ["psnr", "ssim"])
        // MSE = (26/255)², so PSNR = 20 log10(255/26); constant images: SSIM = (2 μx μy + C1)/(μx² + μy² + C1).
        // (Samples are Float32, so the last digits differ: tolerance 1e-6.)
        let (mx, my, c1) = (51.0 / 255, 77.0 / 255, 1e-4)
        XCTAssertEqual(try XCTUnwrap(object["psnr"]), 20 * log10(255.0 / 26), accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(object["ssim"]), (2 * mx * my + c1) / (mx * mx + my * my + c1), accuracy: 1e-6)
    }

    func testPlainOutputAndIdenticalImages() throws {
        let a = try grayPNG("a.png", code: 51)
        let plain = try StrainerProcess.run(["metrics", a, try grayPNG("b.png", code: 77)])
        XCTAssertEqual(plain.status, 0, plain.standardError)
        let (mx, my, c1) = (51.0 / 255, 77.0 / 255, 1e-4)
        XCTAssertEqual(plain.standardOutput, String(format: "PSNR %.4f dB\nSSIM %.6f\n", 20 * log10(255.0 / 26),
                                                   (2 * mx * my + c1) / (mx * mx + my * my + c1)))
        let same = try StrainerProcess.run(["metrics", a, a, "--json"])
        XCTAssertEqual(same.standardOutput, "{\"psnr\": null, \"ssim\": 1.0}\n")
    }

    func testBadInputIsOneErrorLineAndANonZeroExit() throws {
        let a = try grayPNG("a.png", code: 10), small = try grayPNG("small.png", code: 10, size: 12)
        let text = directory.appendingPathComponent("notes.tiff")
        try Data("not an image\n".utf8).write(to: text)
        let cases: [([String], [String])] = [
            (["metrics", a, directory.appendingPathComponent("missing.png").path, "--json"], ["missing.png", "no such file"]),
            (["metrics", a, small], ["16×16×1", "12×12×1", "a.png", "small.png"]),
            (["metrics", text.path, a, "--json"], ["notes.tiff", "TIFF"]),
            (["metrics", a, directory.appendingPathComponent("b.webp").path], ["b.webp", "extension"]),
            (["metrics", a, directory.appendingPathComponent("b.jpeg").path], ["b.jpeg", "no such file"]),
        ]
        for (arguments, phrases) in cases {
            let result = try StrainerProcess.run(arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertEqual(result.standardOutput, "", "\(arguments)")
            XCTAssertTrue(result.standardError.hasPrefix("error: "), result.standardError)
            XCTAssertEqual(result.standardError.filter { $0 == "\n" }.count, 1, result.standardError)
            for phrase in phrases {
                XCTAssertTrue(result.standardError.contains(phrase), "'\(result.standardError)' lacks '\(phrase)'")
            }
        }
    }
}
