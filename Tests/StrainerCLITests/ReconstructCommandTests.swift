import Foundation
import Imaging
import XCTest

/// `strainer reconstruct` from the user's side: a measurement file in, a reconstruction and a report out, at the
/// measurement's own size, with one error line for every measurement that does not fit.
final class ReconstructCommandTests: XCTestCase {
    private let small = ["--width", "32", "--layers", "3", "--omega", "10", "--lr", "1e-3"]

    /// `simulate` then `reconstruct` on a non-square photo: the reconstruction has y's 96 × 144 size (not a square
    /// crop), is written as PNG with its float32 TIFF beside it, and the report folder holds y bit for bit
    /// (measurement.tif), the trace of every step and the page.
    func testARoundTripKeepsTheMeasurementsSizeAndReportsIt() throws {
        let out = try scratchFolder()
        let y = out.appendingPathComponent("noisy.png")
        let simulate = try StrainerProcess.run(
            ["simulate", "--operator", "{name: identity}", "--noise", "{name: gaussian, sigma: 0.1}", "--seed", "1",
             "Examples/parrots-96x144.png", y.path], workingDirectory: StrainerProcess.repository)
        XCTAssertEqual(simulate.status, 0, simulate.standardError)
        let result = try StrainerProcess.run(
            ["reconstruct", y.path, "--operator", "{name: identity}", "--stop", "validation", "--iterations", "40",
             "--out", out.appendingPathComponent("x.png").path, "--report-dir", out.path,
             "--reference", "Examples/parrots-96x144.png"] + small, workingDirectory: StrainerProcess.repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.hasPrefix("reconstruct: \(y.path) (96×144×3) through identity(96×144×3) on a 96×144×3 grid; noise: gaussian"), result.standardError)
        XCTAssertTrue(result.standardOutput.contains("INR (validation:0.1)"), result.standardOutput)
        let x = try ImageFile.read(out.appendingPathComponent("x.png"))
        XCTAssertEqual([x.height, x.width, x.channels], [96, 144, 3])
        XCTAssertEqual(try ImageFile.read(out.appendingPathComponent("x.tif")).height, 96)
        let folder = try XCTUnwrap(try FileManager.default.contentsOfDirectory(at: out, includingPropertiesForKeys: nil)
            .first { $0.lastPathComponent.contains("-reconstruct-noisy-") })
        for file in ["report.html", "report.md", "trace.csv", "measurement.tif", "reconstruction.tif", "config.yaml"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), file)
        }
        XCTAssertEqual(try TIFFFile.read(folder.appendingPathComponent("measurement.tif")), try ImageFile.read(y), "y as read, bit for bit")
        let trace = try String(contentsOf: folder.appendingPathComponent("trace.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(trace.first, "iteration,loss,discrepancy,held_out_loss,sure,degrees_of_freedom")
        XCTAssertGreaterThan(trace.count, 2)
    }

    /// A prior trained on 16 × 16 faces starts the fit of a 96 × 144 photo: the prior's network (its width and
    /// depth, read from the file) on the photo's own grid.
    func testAPriorTrainedAtOneSizeAppliesToAnyGrid() throws {
        let out = try scratchFolder()
        let prior = out.appendingPathComponent("faces.safetensors")
        let train = try StrainerProcess.run(["train-prior", "--dataset", "celeba-hq-178", "--images", "2", "--iterations", "3",
                                             "--size", "16", "--width", "16", "--layers", "3", "--out", prior.path],
                                            workingDirectory: StrainerProcess.repository)
        XCTAssertEqual(train.status, 0, train.standardError)
        let result = try StrainerProcess.run(
            ["reconstruct", "Examples/parrots-96x144.png", "--operator", "{name: identity}", "--prior", prior.path, "--iterations", "3",
             "--stop", "iterations", "--no-baselines", "--out", out.appendingPathComponent("x.png").path, "--report-dir", out.path],
            workingDirectory: StrainerProcess.repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.contains("from strainer prior faces.safetensors trained on 2 image(s) of celeba-hq-178/train"),
                      result.standardError)
        let x = try ImageFile.read(out.appendingPathComponent("x.png"))
        XCTAssertEqual([x.height, x.width, x.channels], [96, 144, 3])
        XCTAssertEqual(result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("INR") || $0.hasPrefix("tv") || $0.hasPrefix("bm3d") }
                        .map { String($0.prefix(3)) }, ["INR"], "--no-baselines: the fit's row alone\n\(result.standardOutput)")
    }

    /// Complex k-space written by `simulate` reads back as two channels and reconstructs at k-space's size; a
    /// sinogram sizes the square image its detector count implies.
    func testKSpaceAndSinogramsSizeTheirImages() throws {
        let out = try scratchFolder()
        let phantom = out.appendingPathComponent("phantom.tif")
        for (operatorSpec, file, grid) in [("{name: mri, mask: random, acceleration: 2, seed: 3}", "k.tif", "32×32×1"),
                                           ("{name: radon, angles: 20}", "sinogram.tif", "32×32×1")] {
            var run = try StrainerProcess.run(["simulate", "--phantom", "shepp-logan", "--size", "32", "--operator", "{name: identity}", phantom.path])
            XCTAssertEqual(run.status, 0, run.standardError)
            let y = out.appendingPathComponent(file)
            run = try StrainerProcess.run(["simulate", "--operator", operatorSpec, phantom.path, y.path])
            XCTAssertEqual(run.status, 0, run.standardError)
            run = try StrainerProcess.run(["reconstruct", y.path, "--operator", operatorSpec, "--noise", "none", "--iterations", "5",
                                           "--out", out.appendingPathComponent("x-\(file)").path, "--report-dir", out.path] + small)
            XCTAssertEqual(run.status, 0, run.standardError)
            XCTAssertTrue(run.standardError.contains("on a \(grid) grid"), run.standardError)
        }
    }

    /// Measurements that do not fit: one `error:` line each, naming the file and what was expected, and nothing
    /// written.
    func testMeasurementsThatDoNotFitGetOneErrorLine() throws {
        let out = try scratchFolder()
        let nan = out.appendingPathComponent("nan.tif")
        var pixels = [Float](repeating: 0.5, count: 20 * 30)
        pixels[45] = .nan
        try TIFFFile.write(Image(height: 20, width: 30, channels: 1, pixels: pixels), to: nan, sampleFormat: .float32)
        let one = out.appendingPathComponent("one.tif")
        try TIFFFile.write(Image(height: 16, width: 16, channels: 1, repeating: 0.1), to: one, sampleFormat: .float32)
        let sinogram = out.appendingPathComponent("sinogram.tif")
        try TIFFFile.write(Image(height: 18, width: 46, channels: 1, repeating: 1), to: sinogram, sampleFormat: .float32)
        let cmyk = StrainerProcess.repository.appendingPathComponent("Tests/ImagingTests/Fixtures/codecs/cmyk.jpg")
        let cases: [([String], String)] = [
            ([nan.path, "--operator", "{name: identity}"], "error: \(nan.path): sample (row 1, column 15, channel 0) is nan; expected finite values"),
            ([one.path, "--operator", "{name: mri}"], "error: mri: parameter 'measurement' k-space has 1 channel(s); expected 2 per image channel (real, imaginary)"),
            ([sinogram.path, "--operator", "{name: radon, angles: 20}"], "error: \(sinogram.path): the measurement is 18×46×1; radon(20 angles, 46 detectors, 32×32×1) on a 32×32×1 image measures 20×46×1"),
            ([cmyk.path, "--operator", "{name: identity}"], "error: '\(cmyk.path)': unreadable JPEG (a CMYK image; expected gray or RGB (YCbCr) JPEG); expected a complete 8-bit gray or RGB JPEG file"),
            ([one.path, "--operator", "{name: inpaint, mask: file, path: \(out.path)/missing.png}"], "error: \(out.path)/missing.png: cannot be read as an image"),
        ]
        for (arguments, expected) in cases {
            let result = try StrainerProcess.run(["reconstruct"] + arguments + ["--out", out.appendingPathComponent("x.png").path, "--report-dir", out.path])
            XCTAssertEqual(result.status, 1, "\(arguments)")
            XCTAssertTrue(result.standardError.hasPrefix(expected), "\(arguments): \(result.standardError)")
            XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, result.standardError)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("x.png").path))
        // A malformed option is a usage mistake: ArgumentParser's error and the usage.
        let usage = try StrainerProcess.run(["reconstruct", one.path, "--operator", "{name: identity}", "--stop", "best", "--out", "x.png"])
        XCTAssertNotEqual(usage.status, 0)
        XCTAssertTrue(usage.standardError.hasPrefix("Error: --stop is 'best'; expected iterations, discrepancy, sure, validation or validation:F"),
                      usage.standardError)
    }
}
