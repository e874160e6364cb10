import Foundation
import XCTest
import TestSupport
import INR
import Imaging
@testable import Priors

final class SharedEncoderTrainerTests: XCTestCase {
    /// The shared-encoder step (encoder once, decoder gradients summed at its output) must give exactly the
    /// gradient of K separate full networks d_k ∘ e, each with its own MSE: the encoder's gradient is their sum.
    func testOneEncoderPassGivesTheGradientOfKSeparateNetworks() throws {
        let architecture = try Architecture.siren(outputs: 3, width: 24, layers: 4)
        let set = try TrainingSet(images: smoothImages(count: 3, size: 10))
        let model = try SharedEncoder(architecture: architecture, decoderCount: 3, seed: 11)
        let trainer = try SharedEncoderTrainer(model: model, trainingSet: set)
        try trainer.step()

        let workspace = try Workspace(architecture: architecture, capacity: set.coordinates.rows)
        var encoderSum = [Double](repeating: 0, count: model.encoder.layout.count)
        for k in 0..<3 {
            let network = try model.network(decoder: model.decoders[k])
            var gradient = [Float](repeating: 0, count: network.layout.count)
            let count = set.targets[k].values.count
            try set.targets[k].values.withUnsafeBufferPointer { target in
                _ = try network.gradient(set.coordinates, workspace: workspace, into: &gradient) { rows, output in
                    MeanSquaredError.lossGradient(output: output, target: target.baseAddress! + rows.lowerBound * 3,
                                                  totalCount: count, workspace: workspace)
                }
            }
            let cut = model.encoder.layout.count
            for i in 0..<cut { encoderSum[i] += Double(gradient[i]) }
            XCTAssertLessThan(relativeMaxError(trainer.decoderGradients[k], Array(gradient[cut...])), 1e-5, "decoder \(k)")
        }
        XCTAssertLessThan(relativeMaxError(trainer.encoderGradient, encoderSum.map { Float($0) }), 1e-4)
    }

    /// Three Adam steps from the same initial weights on the same images as PyTorch (fixture made by
    /// `Fixtures/make_strainer_steps.py`): the parameter changes agree.
    func testThreeStepsMatchPyTorch() throws {
        let initial = try PriorFile.read(fixture("strainer_steps_init.safetensors"))
        let expected = try PriorFile.read(fixture("strainer_steps_after.safetensors"))
        let images = try XCTUnwrap(SafeTensors.read(fixture("strainer_steps_data.safetensors")).tensors["images"])
        XCTAssertEqual(images.shape, [2, 36, 3])
        guard case .sharedEncoder(let start) = initial.content, case .sharedEncoder(let reference) = expected.content else {
            return XCTFail("fixtures must hold shared encoders")
        }
        let set = try TrainingSet(images: (0..<2).map { k in
            ("image\(k)", Image(height: 6, width: 6, channels: 3, pixels: images.values[(k * 108)..<((k + 1) * 108)].map { ($0 + 1) / 2 }))
        })
        let trainer = try SharedEncoderTrainer(model: start, trainingSet: set, adam: .init(learningRate: 1e-3))
        for _ in 0..<3 { try trainer.step() }

        func change(_ after: [Float], _ before: [Float]) -> [Float] { zip(after, before).map { $0 - $1 } }
        XCTAssertLessThan(relativeMaxError(change(trainer.model.encoder.parameters, start.encoder.parameters),
                                        change(reference.encoder.parameters, start.encoder.parameters)), 2e-3)
        for k in 0..<2 {
            XCTAssertLessThan(relativeMaxError(change(trainer.model.decoders[k].parameters, start.decoders[k].parameters),
                                            change(reference.decoders[k].parameters, start.decoders[k].parameters)), 2e-3)
        }
    }

    func testTrainingFitsTheImagesAndReportsMeanAndWorstPSNR() throws {
        let set = try TrainingSet(images: smoothImages(count: 2, size: 16))
        let options = PriorTraining.Options(architecture: try .siren(outputs: 3, width: 32, layers: 4), iterations: 150,
                                            seed: 3, learningRate: 1e-3, measureEvery: 50)
        var reports: [PriorTrainingProgress] = []
        _ = try PriorTraining.train(kind: .strainer, on: set, dataset: "smooth", split: "train", options: options,
                                    suiteVersion: "test") { reports.append($0) }
        let measured = reports.filter { $0.meanPSNR != nil }
        XCTAssertEqual(measured.map(\.iteration), [50, 100, 150])
        let last = try XCTUnwrap(measured.last)
        XCTAssertGreaterThan(try XCTUnwrap(last.meanPSNR), 30)
        XCTAssertLessThanOrEqual(try XCTUnwrap(last.worstPSNR), try XCTUnwrap(last.meanPSNR))
        XCTAssertGreaterThan(try XCTUnwrap(last.meanPSNR), try XCTUnwrap(measured.first?.meanPSNR))
    }

    func testSameSeedSameBits() throws {
        let set = try TrainingSet(images: smoothImages(count: 2, size: 8))
        func train() throws -> [Float] {
            let model = try SharedEncoder(architecture: try .siren(outputs: 3, width: 16, layers: 3), decoderCount: 2, seed: 5)
            let trainer = try SharedEncoderTrainer(model: model, trainingSet: set)
            for _ in 0..<3 { try trainer.step() }
            return trainer.model.encoder.parameters + trainer.model.decoders.flatMap(\.parameters)
        }
        XCTAssertEqual(try train(), try train())
    }

    func testBadTrainingInputIsRefusedClearly() throws {
        XCTAssertThrowsError(try TrainingSet(images: [])) { error in
            XCTAssertTrue("\(error)".contains("none given; a prior needs at least one image (K ≥ 1)"), "\(error)")
        }
        let mixed = smoothImages(count: 1, size: 8) + smoothImages(count: 1, size: 9)
        XCTAssertThrowsError(try TrainingSet(images: mixed)) { error in
            XCTAssertTrue("\(error)".contains("is 9×9×3 but the first is 8×8×3"), "\(error)")
        }
        XCTAssertThrowsError(try SharedEncoder(architecture: try .siren(outputs: 3, width: 8, layers: 3), decoderCount: 0, seed: 0))
        let gray = try TrainingSet(images: smoothImages(count: 2, size: 8, channels: 1))
        let rgbModel = try SharedEncoder(architecture: try .siren(outputs: 3, width: 8, layers: 3), decoderCount: 2, seed: 0)
        XCTAssertThrowsError(try SharedEncoderTrainer(model: rgbModel, trainingSet: gray)) { error in
            XCTAssertTrue("\(error)".contains("the training images need 2 → 1"), "\(error)")
        }
    }
}
