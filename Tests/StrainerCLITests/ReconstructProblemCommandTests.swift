import Foundation
import Imaging
import XCTest

/// `strainer reconstruct-problem`: a user's folder of measurements and a problem file naming them, reconstructed
/// from a random start and from a prior file, a report per measurement and one table over all.
final class ReconstructProblemCommandTests: XCTestCase {
    func testEveryMeasurementFromEveryPriorWithOneTableAndAReportEach() throws {
        let folder = try scratchFolder()
        let prior = folder.appendingPathComponent("faces.safetensors")
        let train = try StrainerProcess.run(["train-prior", "--dataset", "celeba-hq-178", "--images", "2", "--iterations", "3",
                                             "--size", "16", "--width", "16", "--layers", "3", "--out", prior.path],
                                            workingDirectory: StrainerProcess.repository)
        XCTAssertEqual(train.status, 0, train.standardError)
        for (name, seed) in [("parrots-96x144", "1"), ("camera-96x160", "2")] {
            let simulate = try StrainerProcess.run(
                ["simulate", "--operator", "{name: identity}", "--noise", "{name: gaussian, sigma: 0.1}", "--seed", seed,
                 "Examples/\(name).png", folder.appendingPathComponent("\(name).png").path], workingDirectory: StrainerProcess.repository)
            XCTAssertEqual(simulate.status, 0, simulate.standardError)
        }
        let problem = folder.appendingPathComponent("mine.yaml")
        try """
            id: mine
            title: Two noisy photos
            measurements:
              - {file: parrots-96x144.png, reference: \(StrainerProcess.repository.path)/Examples/parrots-96x144.png}
              - {file: camera-96x160.png}
            operator: {name: identity}
            solver: {iterations: 20, lr: 1.0e-3, evaluate_every: 5}
            network: {family: siren, width: 16, layers: 3, omega: 30}
            priors: [{kind: random}, {file: faces.safetensors, label: faces}]
            baselines: [{name: tv, weight: 0.1}]
            """.write(to: problem, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let result = try StrainerProcess.run(["reconstruct-problem", problem.path, "--report-dir", folder.appendingPathComponent("Results").path,
                                              "--out-dir", out.path], workingDirectory: StrainerProcess.repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.hasPrefix("reconstruct-problem: mine — Two noisy photos: 2 measurement(s) × 2 prior(s) (random, faces)"),
                      result.standardError)
        // The table's rows: measurement and method, cells split at runs of two or more spaces.
        let rows = result.standardOutput.split(separator: "\n").dropFirst(2).filter { !$0.hasPrefix("report:") }.map { line in
            line.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let oracle = "best iterate by the reference (oracle of the fit that held 10 % out)"
        XCTAssertEqual(rows.map { $0.prefix(2).joined(separator: " | ") }, [
            "parrots-96x144 | INR from random (validation:0.1)", "parrots-96x144 | INR from random, \(oracle)",
            "parrots-96x144 | INR from faces (validation:0.1)", "parrots-96x144 | INR from faces, \(oracle)", "parrots-96x144 | tv",
            "camera-96x160 | INR from random (validation:0.1)", "camera-96x160 | INR from faces (validation:0.1)", "camera-96x160 | tv",
        ], result.standardOutput)
        XCTAssertTrue(rows.suffix(3).allSatisfy { $0.suffix(2) == ["—", "—"] }, "no reference, no PSNR:\n\(result.standardOutput)")
        XCTAssertEqual(result.standardOutput.components(separatedBy: "report: ").count - 1, 2, "a report per measurement")
        for (name, size) in [("parrots-96x144", [96, 144, 3]), ("camera-96x160", [96, 160, 1])] {
            for label in ["random", "faces"] {
                let x = try ImageFile.read(out.appendingPathComponent("\(name)-\(label).tif"))
                XCTAssertEqual([x.height, x.width, x.channels], size, "\(name) from \(label): its own grid")
            }
        }
    }
}
