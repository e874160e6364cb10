import Foundation
import INR
import Imaging
import XCTest

/// Runs the built `strainer fit` on a small image: its JSON and files, checked against Imaging's own PSNR and the
/// INR checkpoint reader; and bad input.
final class FitCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try scratchFolder()
    }

    /// A smooth 14 × 14 gray test image.
    private func smoothPNG() throws -> (String, Image) {
        var image = Image(height: 14, width: 14, channels: 1)
        for i in 0..<14 {
            for j in 0..<14 { image.pixels[i * 14 + j] = Float(0.5 + 0.4 * sin(Double(i) * 0.4) * cos(Double(j) * 0.3)) }
        }
        let url = directory.appendingPathComponent("smooth.png")
        try ImageFile.write(image, to: url)
        return (url.path, try ImageFile.read(url))
    }

    func testFitWritesJSONReconstructionCurveAndCheckpoint() throws {
        let (path, image) = try smoothPNG()
        let out = directory.appendingPathComponent("out")
        let checkpoint = directory.appendingPathComponent("net.safetensors")
        let result = try StrainerProcess.run([
            "fit", path, "--width", "24", "--layers", "3", "--iterations", "40", "--log-every", "20", "--lr", "1e-3",
            "--seed", "3", "--out", out.path, "--save-checkpoint", checkpoint.path, "--json",
        ])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput.split(separator: "\n").count, 1, result.standardOutput)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let curve = try XCTUnwrap(object["psnr"] as? [String: Double])
        XCTAssertEqual(Set(curve.keys), ["0", "20", "40"])
        let final = try XCTUnwrap(object["final_psnr"] as? Double)
        XCTAssertEqual(final, curve["40"])
        XCTAssertGreaterThan(final, curve["0"]! + 5)
        XCTAssertEqual(object["iterations"] as? Int, 40)
        let best = try XCTUnwrap(object["best_psnr"] as? Double)
        XCTAssertEqual(best, curve.values.max())
        XCTAssertEqual(curve[String(try XCTUnwrap(object["best_iteration"] as? Int))], best)
        XCTAssertGreaterThan(try XCTUnwrap(object["median_step_seconds"] as? Double), 0)
        XCTAssertGreaterThan(try XCTUnwrap(object["peak_rss_bytes"] as? Int), 1 << 20)

        // The written reconstruction (the best iterate), scored by Imaging's PSNR, agrees with the reported one up to
        // 8-bit rounding.
        let reconstruction = try ImageFile.read(out.appendingPathComponent("reconstruction.png"))
        XCTAssertTrue(reconstruction.hasSameShape(as: image))
        XCTAssertEqual(try ImageMetrics.psnr(image, reconstruction), best, accuracy: 0.5)
        let csv = try String(contentsOf: out.appendingPathComponent("psnr.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").first, "iteration,psnr_db")
        XCTAssertEqual(csv.split(separator: "\n").count, 4)

        let network = try Network(checkpoint: checkpoint)
        XCTAssertEqual(network.architecture.dimensions, [2, 24, 24, 1])
        XCTAssertEqual(network.architecture.family, .siren(omegaFirst: 30, omegaHidden: 30))
    }

    /// `STRAINER_THREADS` sets the threads; the fitted network is the same, byte for byte, on 1 and 3 threads
    /// (48² pixels: two shards of 2048 rows). A value that is not a thread count is an error naming the variable.
    func testTheThreadCountChangesNoBit() throws {
        var image = Image(height: 48, width: 48, channels: 3)
        for i in 0..<image.pixels.count { image.pixels[i] = Float(0.5 + 0.4 * sin(Double(i) * 0.05)) }
        let path = directory.appendingPathComponent("waves.png")
        try ImageFile.write(image, to: path)
        func fitted(threads: String) throws -> Data {
            let checkpoint = directory.appendingPathComponent("net-\(threads).safetensors")
            let result = try StrainerProcess.run(["fit", path.path, "--width", "16", "--layers", "3", "--iterations", "5",
                                                  "--save-checkpoint", checkpoint.path], environment: ["STRAINER_THREADS": threads])
            XCTAssertEqual(result.status, 0, result.standardError)
            return try Data(contentsOf: checkpoint)
        }
        XCTAssertEqual(try fitted(threads: "1"), try fitted(threads: "3"))
        let bad = try StrainerProcess.run(["fit", path.path], environment: ["STRAINER_THREADS": "all"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.standardError, "error: invalid fitting option: STRAINER_THREADS is 'all'; expected a whole number of threads ≥ 1\n")
    }

    func testBadInputIsOneErrorLineAndANonZeroExit() throws {
        let (path, _) = try smoothPNG()
        let cases: [([String], [String])] = [
            (["fit", path, "--omega", "0", "--iterations", "1"], ["ω0", "0.0"]),
            (["fit", path, "--width", "0", "--iterations", "1"], ["width", "is 0"]),
            (["fit", path, "--family", "wavelet", "--iterations", "1"], ["--family", "wavelet", "siren"]),
            (["fit", path, "--size", "0", "--iterations", "1"], ["--size", "0"]),
            (["fit", directory.appendingPathComponent("missing.png").path], ["missing.png"]),
            (["fit", path, "--lr", "1e38", "--iterations", "20", "--width", "8", "--layers", "3"], ["iteration", "learning rate"]),
        ]
        for (arguments, phrases) in cases {
            let result = try StrainerProcess.run(arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertEqual(result.standardOutput, "", "\(arguments)")
            let errorLine = result.standardError.split(separator: "\n").last.map(String.init) ?? ""
            XCTAssertTrue(errorLine.hasPrefix("error: "), result.standardError)
            for phrase in phrases {
                XCTAssertTrue(errorLine.contains(phrase), "'\(errorLine)' lacks '\(phrase)'")
            }
        }
    }
}
