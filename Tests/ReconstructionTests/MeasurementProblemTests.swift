import Foundation
import Imaging
import INR
import Operators
import Priors
import Problems
@testable import Reconstruction
import SeededRandom
import Solver
import XCTest

/// A measurement problem file run as `strainer reconstruct-problem` runs it: each measurement on its own grid, from
/// every prior, each fit the one a single `reconstruct` of that measurement gives.
final class MeasurementProblemTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-measurement-problem-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("y"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A smooth `height × width × channels` image and its copy with Gaussian noise σ = 0.1 (seed 2).
    private func photo(height: Int, width: Int, channels: Int) throws -> (clean: Image, noisy: Image) {
        var clean = Image(height: height, width: width, channels: channels)
        for i in 0..<height { for j in 0..<width { for c in 0..<channels {
            clean[i, j, c] = Float(0.5 + 0.3 * sin(Double(i) / 5 + Double(c)) * cos(Double(j) / 7))
        } } }
        let noisy = Image(height: height, width: width, channels: channels, pixels: try GaussianNoise(sigma: 0.1).sample(clean.pixels, seed: 2))
        return (clean, noisy)
    }

    private func problemFile(stop: String = "validation", priors: String = "[{kind: random, seed: 1, label: a}, {kind: random, seed: 2, label: b}]",
                             baselines: String = "[{name: tv, weight: 0.1}]") throws -> URL {
        let text = """
            id: mine
            title: Two photos of two shapes
            measurements:
              - {file: y/rgb.tif, reference: y/rgb-clean.tif}
              - {file: y/gray.tif}
            operator: {name: identity}
            noise: {name: gaussian, sigma: 0.1}
            stop: \(stop)
            seed: 3
            solver: {iterations: 120, lr: 1.0e-3, evaluate_every: 10}
            network: {family: siren, width: 32, layers: 3, omega: 10}
            priors: \(priors)
            baselines: \(baselines)
            """
        let url = folder.appendingPathComponent("mine.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let rgb = try photo(height: 24, width: 32, channels: 3)
        try TIFFFile.write(rgb.noisy, to: folder.appendingPathComponent("y/rgb.tif"), sampleFormat: .float32)
        try TIFFFile.write(rgb.clean, to: folder.appendingPathComponent("y/rgb-clean.tif"), sampleFormat: .float32)
        try TIFFFile.write(try photo(height: 20, width: 28, channels: 1).noisy, to: folder.appendingPathComponent("y/gray.tif"), sampleFormat: .float32)
        return url
    }

    func testEachMeasurementOnItsOwnGridFromEveryPriorAsASingleReconstructionGivesIt() throws {
        let problem = try MeasurementProblem.load(try problemFile(), trustedFolders: [])
        let first = try problem.reconstruct(0, threads: 2, memory: .machineDefault)
        let second = try problem.reconstruct(1, threads: 2, memory: .machineDefault)
        XCTAssertEqual(first.geometry.imageShape, ImageShape(height: 24, width: 32, channels: 3))
        XCTAssertEqual(second.geometry.imageShape, ImageShape(height: 20, width: 28, channels: 1))
        XCTAssertEqual(first.fits.map(\.label), ["a", "b"])
        XCTAssertEqual(first.baselines.map(\.name), ["tv"], "the baselines the file lists, once")
        XCTAssertNotNil(first.reference)
        XCTAssertNil(second.reference)

        // The oracle: `strainer reconstruct` of the gray measurement from prior b's start, the same settings.
        let y = try MeasurementFile.read(folder.appendingPathComponent("y/gray.tif"))
        let geometry = try MeasurementGeometry(measurement: ImageShape(of: y), file: "gray.tif", operatorSpec: ["name": .string("identity")],
                                               baseDirectory: folder)
        let architecture = try Architecture(family: .siren(omegaFirst: 10, omegaHidden: 10), dimensions: [2, 32, 32, 1])
        let single = try Reconstruction(
            measurement: y, geometry: geometry,
            noise: try NoiseSetting(spec: ["name": .string("gaussian"), "sigma": .number(0.1)], measurement: y, forward: geometry.forward),
            start: try RandomPrior().initialization(for: architecture, seed: 2),
            settings: .init(iterations: 120, learningRate: 1e-3, stop: .validation(fraction: 0.1), seed: 3, threads: 2, evaluateEvery: 10,
                            runsBaselines: false)).run()
        XCTAssertEqual(second.fits[1].outcome.kept.pixels, single.kept.pixels)
        XCTAssertEqual(second.fits[1].outcome.keptIteration, single.keptIteration)

        let report = try first.report(title: "t", facts: [])
        XCTAssertEqual(report.rows.map { $0[0] }, [
            "INR from a (validation:0.1)", "INR from a, best iterate by the reference (oracle of the fit that held 10 % out)",
            "INR from b (validation:0.1)", "INR from b, best iterate by the reference (oracle of the fit that held 10 % out)", "tv",
        ])
        XCTAssertEqual(report.floatImages.map(\.file), ["measurement.tif", "reconstruction-a.tif", "reconstruction-b.tif"])
        XCTAssertTrue(report.trace.hasPrefix("prior,iteration,loss,discrepancy,held_out_loss,sure,degrees_of_freedom\na,0,"), report.trace)
    }

    /// Faults the file holds are reported before any fit, naming the file and the key.
    func testFaultsAreReportedBeforeAnyFit() throws {
        func refusal(_ url: URL) -> String? {
            var fitted = false
            do {
                _ = try MeasurementProblem.load(url, trustedFolders: []).reconstruct(0, threads: 2, memory: .machineDefault) { _, _, _ in fitted = true }
            } catch {
                XCTAssertFalse(fitted, "\(error)")
                return "\(error)"
            }
            return nil
        }
        XCTAssertEqual(refusal(try problemFile(stop: "best"))?.contains("mine.yaml: stop: is 'best'; expected iterations, discrepancy"), true)
        XCTAssertEqual(refusal(try problemFile(priors: "[{file: ../elsewhere.safetensors}]"))?.contains("mine.yaml: priors[0].file: '../elsewhere.safetensors' lies outside"), true)
        let bicubic = refusal(try problemFile(baselines: "[{name: bicubic}]"))
        XCTAssertEqual(bicubic?.contains("mine.yaml: baselines: baseline 'bicubic' does not apply"), true, bicubic ?? "accepted")
    }
}
