import XCTest
import TestSupport
import INR
import Imaging
@testable import Priors

final class MetaLearnerTests: XCTestCase {
    /// With one inner step, Reptile's meta-gradient is θ − φ = α ∇L(θ); Adam is invariant to that positive scale
    /// (up to ε), so one outer step must equal one plain Adam step of an image fit at the outer learning rate.
    /// (α = 1 keeps θ − φ clear of Float cancellation.)
    func testOneInnerStepReptileIsAnAdamStepOnTheLoss() throws {
        let set = try TrainingSet(images: smoothImages(count: 1, size: 8))
        let start = try Network(architecture: try .siren(outputs: 3, width: 16, layers: 3), seed: 2)
        let options = MetaLearner.Options(algorithm: .reptile, innerSteps: 1, innerLearningRate: 1,
                                          outerLearningRate: 1e-3, tasksPerStep: 1)
        let learner = try MetaLearner(network: start, trainingSet: set, options: options, seed: 0)
        try learner.step()
        let fit = try ImageFit(network: start, coordinates: set.coordinates, target: set.targets[0],
                               options: FitOptions(iterations: 1, adam: .init(learningRate: 1e-3)))
        let loss = try fit.step()
        let expected = zip(fit.network.parameters, start.parameters).map { $0 - $1 }
        let actual = zip(learner.network.parameters, start.parameters).map { $0 - $1 }
        XCTAssertLessThan(relativeMaxError(actual, expected), 2e-2)
        // Reptile reports the loss of its last inner step, here the loss at θ itself.
        XCTAssertEqual(learner.lastAdaptedLoss, loss, accuracy: 1e-6 * loss)
    }

    /// The point of meta-learning: after a few outer steps, two inner steps from the learned θ fit an unseen image
    /// of the same domain (a shared pattern plus its own variation) better than two steps from the random θ.
    func testMetaLearnedInitAdaptsFasterToAnUnseenImage() throws {
        let shared = smoothImages(count: 1, size: 10, seed: 4)[0].image
        let images = smoothImages(count: 5, size: 10, seed: 9).map { name, variation in
            (name, Image(height: 10, width: 10, channels: 3,
                         pixels: zip(shared.pixels, variation.pixels).map { 0.8 * $0 + 0.2 * $1 }))
        }
        for algorithm in MetaLearner.Algorithm.allCases {
            let set = try TrainingSet(images: Array(images.prefix(4)))
            let unseen = try TrainingSet(images: [images[4]])
            let start = try Network(architecture: try .siren(outputs: 3, width: 24, layers: 3), seed: 8)
            let learner = try MetaLearner(network: start, trainingSet: set, options: .init(
                algorithm: algorithm, innerSteps: 2, innerLearningRate: 1e-2, outerLearningRate: 1e-3, tasksPerStep: 2), seed: 1)
            for _ in 0..<60 { try learner.step() }

            func lossAfterTwoSteps(from network: Network) throws -> Double {
                var adapted = network
                let workspace = try Workspace(architecture: network.architecture, capacity: 100)
                var gradient = [Float](repeating: 0, count: network.layout.count)
                for _ in 0..<2 {
                    _ = try adapted.meanSquaredErrorGradient(coordinates: unseen.coordinates, target: unseen.targets[0],
                                                             workspace: workspace, into: &gradient, context: "test")
                    for i in adapted.parameters.indices { adapted.parameters[i] -= 1e-2 * gradient[i] }
                }
                return try adapted.meanSquaredErrorGradient(coordinates: unseen.coordinates, target: unseen.targets[0],
                                                            workspace: workspace, into: &gradient, context: "test")
            }
            let learned = try lossAfterTwoSteps(from: learner.network), random = try lossAfterTwoSteps(from: start)
            XCTAssertLessThan(learned, 0.5 * random, "\(algorithm): learned \(learned) vs random \(random)")
        }
    }

    func testEveryKindTrainsAndRecordsItsProvenance() throws {
        let set = try TrainingSet(images: smoothImages(count: 2, size: 8), digests: ["d0", "d1"])
        let options = PriorTraining.Options(architecture: try .siren(outputs: 3, width: 8, layers: 3), iterations: 3, seed: 5,
                                            meta: .init(tasksPerStep: 1), measureEvery: 2)
        for kind in PriorKind.allCases {
            var steps: [Int] = []
            let prior = try PriorTraining.train(kind: kind, on: set, dataset: "faces", split: "train", options: options,
                                                suiteVersion: "test") { steps.append($0.iteration) }
            XCTAssertEqual(steps, [1, 2, 3], "\(kind)")
            let provenance = try XCTUnwrap(prior.provenance)
            XCTAssertEqual(provenance.imageDigests, kind == .strainer || kind == .meta ? ["d0", "d1"] : ["d0"], "\(kind)")
            XCTAssertEqual(provenance.iterations, 3)
            XCTAssertEqual(provenance.trainingPSNRs.count, kind == .meta ? 0 : kind == .strainer ? 2 : 1, "\(kind)")
            if case .sharedEncoder(let model) = prior.content {
                XCTAssertEqual(model.decoders.count, kind == .strainer ? 2 : 1)
            }
            XCTAssertEqual(prior.kind, kind)
        }
        XCTAssertThrowsError(try PriorTraining.train(kind: .strainer, on: set, dataset: "", split: "", options: .init(
            architecture: try .siren(outputs: 1, width: 8, layers: 3), iterations: 3, seed: 0), suiteVersion: "")) { error in
            XCTAssertTrue("\(error)".contains("has 1 outputs; the training images have 3 channels"), "\(error)")
        }
    }
}

extension MetaLearnerTests {
    func testAPriorFileMatchesOnlyTheTrainingThatMadeIt() throws {
        let set = try TrainingSet(images: smoothImages(count: 2, size: 8), digests: ["d0", "d1"])
        let options = PriorTraining.Options(architecture: try .siren(outputs: 3, width: 8, layers: 3), iterations: 2, seed: 5)
        let prior = try PriorTraining.train(kind: .strainer, on: set, dataset: "faces", split: "train", options: options, suiteVersion: "t")
        let reread = try PriorFile.decode(prior.safeTensors(), file: "prior")
        XCTAssertTrue(reread.matches(kind: .strainer, on: set, options: options))
        XCTAssertFalse(reread.matches(kind: .strainer1, on: set, options: options))
        var moreSteps = options
        moreSteps.iterations = 3
        XCTAssertFalse(reread.matches(kind: .strainer, on: set, options: moreSteps))
        var otherRate = options
        otherRate.learningRate = 1e-3
        XCTAssertFalse(reread.matches(kind: .strainer, on: set, options: otherRate))
        let otherImages = try TrainingSet(images: smoothImages(count: 2, size: 8), digests: ["d0", "d2"])
        XCTAssertFalse(reread.matches(kind: .strainer, on: otherImages, options: options))
        let otherSize = try TrainingSet(images: smoothImages(count: 2, size: 9), digests: ["d0", "d1"])
        XCTAssertFalse(reread.matches(kind: .strainer, on: otherSize, options: options))
    }
}
