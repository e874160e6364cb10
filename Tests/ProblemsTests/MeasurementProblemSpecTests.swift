import Foundation
import XCTest
import Operators
@testable import Problems

/// Measurement problem files: a study's fields where they apply, `measurements:` and `stop:`; every fault one error
/// naming the file and the key.
final class MeasurementProblemSpecTests: ProblemFileTestCase {
    static let validMeasurementProblem = """
        id: photos
        title: My noisy photos
        measurements:
          - {file: noisy/cat.png, reference: clean/cat.png}
          - {file: sinograms/slice.tif, shape: 64x64}
        operator: {name: identity}
        noise: {name: gaussian}
        stop: validation:0.05
        seed: 3
        solver: {iterations: 300, lr: 1.0e-3, evaluate_every: 10}
        network: {family: siren, width: 64, layers: 4, omega: 30}
        priors:
          - {kind: random, seed: 1}
          - {file: priors/faces.safetensors, label: faces, transfer_layers: 2}
        baselines:
          - {name: tv, weight: 0.05}
        """

    private func read(_ text: String, name: String = "photos") throws -> MeasurementProblemSpec {
        try MeasurementProblemSpec.read(write(text, name: name))
    }

    /// Asserts that reading `text` fails with one error naming photos.yaml and `key`, its message containing `fragment`.
    private func assertRefused(_ text: String, key: String?, _ fragment: String, line: UInt = #line) {
        XCTAssertThrowsError(try read(text), line: line) { error in
            guard let error = error as? ProblemError else { return XCTFail("\(error)", line: line) }
            XCTAssertEqual(error.file.hasSuffix("photos.yaml"), true, "\(error)", line: line)
            XCTAssertEqual(error.key, key, "\(error)", line: line)
            XCTAssertTrue(error.problem.contains(fragment), "\(error)", line: line)
        }
    }

    private func replacing(_ old: String, with new: String) -> String {
        Self.validMeasurementProblem.replacingOccurrences(of: old, with: new)
    }

    func testAValidFileIsReadWithEveryField() throws {
        let spec = try read(Self.validMeasurementProblem)
        XCTAssertEqual(spec.measurements, [
            try entry(file: "noisy/cat.png", reference: "clean/cat.png"), try entry(file: "sinograms/slice.tif", shape: "64x64"),
        ])
        XCTAssertEqual(spec.operatorSpec, ["name": .string("identity")])
        XCTAssertEqual(spec.noiseSpec, ["name": .string("gaussian")])
        XCTAssertEqual(spec.stop, "validation:0.05")
        XCTAssertEqual(spec.seed, 3)
        XCTAssertEqual(spec.solver.iterations, 300)
        XCTAssertEqual(spec.network.width, 64)
        XCTAssertEqual(spec.priors, [
            PriorRecipe(label: "random", source: .random(seed: 1)),
            PriorRecipe(label: "faces", source: .file(path: "priors/faces.safetensors"), transferLayers: 2),
        ])
        XCTAssertEqual(spec.baselines, [["name": .string("tv"), "weight": .number(0.05)]])
    }

    /// Absent noise, stop, priors and baselines: σ estimated, validation, a random start, every baseline that applies.
    func testDefaults() throws {
        let minimal = """
            id: photos
            title: t
            measurements: [{file: y.png}]
            operator: {name: identity}
            """
        let spec = try read(minimal)
        XCTAssertNil(spec.noiseSpec)
        XCTAssertNil(spec.stop)
        XCTAssertEqual(spec.priors, [PriorRecipe(label: "random", source: .random(seed: 0))])
        XCTAssertNil(spec.baselines)
    }

    func testFaultsAreNamedByKey() {
        assertRefused(replacing("measurements:\n  - {file: noisy/cat.png, reference: clean/cat.png}\n  - {file: sinograms/slice.tif, shape: 64x64}",
                                with: "measurements: []"),
                      key: "measurements", "empty list")
        assertRefused(replacing("{file: noisy/cat.png, reference: clean/cat.png}", with: "{file: a.png, mask: m.png}"),
                      key: "measurements[0].mask", "unknown key 'mask'")
        assertRefused(replacing("  - {kind: random, seed: 1}", with: "  - {kind: strainer, dataset: celeba-hq-178, size: 64}"),
                      key: "priors[0]", "trained first")
        assertRefused(replacing("evaluate_every: 10}", with: "evaluate_every: 10, stop: discrepancy}"), key: "solver", "top-level 'stop'")
        assertRefused(replacing("evaluate_every: 10}", with: "evaluate_every: 10, tv_weight: 0.1}"), key: "solver", "do not apply")
        assertRefused(replacing("id: photos", with: "id: other"), key: "id", "expected id 'photos'")
        assertRefused(replacing("title: My noisy photos", with: "title: t\nsize: 64"), key: "size", "unknown key 'size'")
    }

    /// A study's registry meets a measurement problem: the error says which command takes it.
    func testAStudyProblemFileNamingMeasurementsPointsToReconstructProblem() throws {
        let url = try write(Self.validMeasurementProblem.replacingOccurrences(of: "id: photos", with: "id: demo"))
        XCTAssertThrowsError(try Problem.load(from: url, catalog: bundledCatalog)) { error in
            XCTAssertTrue("\(error)".contains("demo.yaml: measurements: this file names measurements"), "\(error)")
            XCTAssertTrue("\(error)".contains("strainer reconstruct-problem FILE"), "\(error)")
        }
    }

    private func entry(file: String, reference: String? = nil, shape: String? = nil) throws -> MeasurementProblemSpec.Entry {
        var text = "{file: \(file)"
        if let reference { text += ", reference: \(reference)" }
        if let shape { text += ", shape: \(shape)" }
        return try SafeYAML.decode(MeasurementProblemSpec.Entry.self, from: text + "}")
    }
}
