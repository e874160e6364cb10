import Foundation
import Imaging
import XCTest

/// `strainer operators [check]` and `strainer simulate`, run as a user would.
final class OperatorsCommandTests: XCTestCase {
    private let repository = StrainerProcess.repository

    func testListNamesEveryOperatorAndNoiseModel() throws {
        let result = try StrainerProcess.run(["operators"])
        XCTAssertEqual(result.status, 0, result.standardError)
        for name in ["identity", "blur", "downsample", "resize", "inpaint", "radon", "mri",
                     "gaussian", "poisson", "poisson_gaussian", "salt_pepper", "uniform"] {
            XCTAssertTrue(result.standardOutput.contains("\n  \(name)  —  "), "\(name) missing from:\n\(result.standardOutput)")
        }
    }

    func testCheckPrintsOnePassingJSONObjectPerConfiguration() throws {
        let result = try StrainerProcess.run(["operators", "check", "--json"], workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 36, "28 configurations and 8 Levin kernels")
        for line in lines {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertNotNil(object["name"] as? String)
            XCTAssertEqual(object["passed"] as? Bool, true, String(line))
            XCTAssertLessThanOrEqual(try XCTUnwrap(object["relative_adjoint_error"] as? Double), 1e-5)
        }
    }

    func testSimulateWritesFloatMeasurements() throws {
        let directory = try scratchFolder()
        let input = directory.appendingPathComponent("flat.png")
        try ImageFile.write(Image(height: 16, width: 20, channels: 1, repeating: 0.6), to: input, sampleFormat: .uint16)
        let value = Float(UInt16(0.6 * 65535 + 0.5)) / 65535

        // A circular blur keeps a constant image constant.
        let blurred = directory.appendingPathComponent("blurred.tif")
        let blur = try StrainerProcess.run(["simulate", "--operator", "{name: blur, kernel: disk, radius: 3}", input.path, blurred.path])
        XCTAssertEqual(blur.status, 0, blur.standardError)
        for sample in try ImageFile.read(blurred).pixels { XCTAssertEqual(sample, value, accuracy: 1e-5) }

        // Gaussian noise with a seed: the same bits twice, other bits with another seed, mean ≈ the image.
        func noisy(_ seed: String) throws -> [Float] {
            let output = directory.appendingPathComponent("noisy-\(seed).tif")
            let run = try StrainerProcess.run(["simulate", "--operator", "{name: identity}", "--noise", "{name: gaussian, sigma: 0.1}",
                                               "--seed", seed, input.path, output.path])
            XCTAssertEqual(run.status, 0, run.standardError)
            XCTAssertTrue(run.standardOutput.contains("+ gaussian(σ=0.1) (seed \(seed))"), "the summary names the noise:\n\(run.standardOutput)")
            return try ImageFile.read(output).pixels
        }
        let first = try noisy("5")
        XCTAssertEqual(first, try noisy("5"))
        XCTAssertNotEqual(first, try noisy("6"))
        XCTAssertEqual(Double(first.reduce(0, +)) / Double(first.count), Double(value), accuracy: 0.03)

        // MRI: complex output, two float32 channels (real, imaginary). ImageFile reads only gray or RGB TIFFs, so the
        // values are checked in OperatorsTests (against the DFT) and here only the shape and that the file exists.
        let kspace = directory.appendingPathComponent("kspace.tif")
        let mri = try StrainerProcess.run(["simulate", "--operator", "{name: mri, mask: full}", input.path, kspace.path])
        XCTAssertEqual(mri.status, 0, mri.standardError)
        XCTAssertTrue(mri.standardOutput.contains("→ 16×20×2 →"), mri.standardOutput)
        XCTAssertTrue(FileManager.default.fileExists(atPath: kspace.path))
    }

    func testSimulateRejectsBadSpecificationsWithOneLine() throws {
        let input = repository.appendingPathComponent("Datasets/kodak24/kodim01.png").path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).tif").path
        let cases: [([String], String)] = [
            (["--operator", "{name: deblur}"], "error: unknown operator 'deblur'; valid names: identity, blur, downsample, resize, inpaint, radon, mri\n"),
            (["--operator", "{name: radon, angles: 0}"], "error: radon: parameter 'angles' must be ≥ 1, got 0\n"),
            (["--operator", "{name: identity}", "--noise", "{name: gaussian, sigma: -1}"],
             "error: gaussian noise: parameter 'sigma' must be > 0 and finite, got -1.0\n"),
        ]
        for (options, message) in cases {
            let result = try StrainerProcess.run(["simulate"] + options + [input, output])
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.standardError, message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }
}
