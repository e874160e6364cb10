import Foundation
import XCTest
import TestSupport
@testable import INR

/// Forward, loss, backward and Adam against a small SIREN computed by PyTorch (Fixtures/README.md).
final class PyTorchReferenceTests: XCTestCase {
    struct Reference: Decodable {
        struct Gradient: Decodable {
            let sum: Double
            let abs_sum: Double
            let first_row: [Double]?
            let values_first_8: [Double]?
        }
        struct Adam: Decodable {
            struct After: Decodable {
                let sum: Double
                let first_row: [Double]
            }
            let lr: Float
            let steps: Int
            let losses_before_each_step: [Double]
            let loss_after: Double
            let after: [String: After]
        }
        let outputs_first_8_pixels: [[Double]]
        let outputs_sum: Double
        let loss_value: Double
        let gradients: [String: Gradient]
        let adam: Adam
    }

    var reference: Reference!
    var network: Network!
    let coordinates = grid(side: 16)
    var target = Matrix(rows: 256, columns: 3)

    override func setUpWithError() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "siren_small", withExtension: "json", subdirectory: "Fixtures"))
        reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let checkpoint = try XCTUnwrap(
            Bundle.module.url(forResource: "siren_small", withExtension: "safetensors", subdirectory: "Fixtures"))
        let architecture = try Architecture(family: .siren(omegaFirst: 30, omegaHidden: 30), dimensions: [2, 32, 32, 32, 3])
        network = try Network(checkpoint: checkpoint, architecture: architecture)
        for i in 0..<256 {
            let (y, x) = (Double(coordinates[i, 0]), Double(coordinates[i, 1]))
            target[i, 0] = Float(sin(3 * y) * cos(2 * x))
            target[i, 1] = Float(y * x)
            target[i, 2] = Float(0.5 * cos(5 * x))
        }
    }

    func testLoadsArchitectureFromMetadata() throws {
        let checkpoint = try XCTUnwrap(
            Bundle.module.url(forResource: "siren_small", withExtension: "safetensors", subdirectory: "Fixtures"))
        let loaded = try Network(checkpoint: checkpoint)
        XCTAssertEqual(loaded.architecture, network.architecture)
        XCTAssertEqual(loaded.parameters, network.parameters)
    }

    func testForwardMatchesPyTorch() throws {
        let workspace = try Workspace(architecture: network.architecture, capacity: 100, threads: 2)  // 3 chunks
        let output = try network.evaluate(coordinates, workspace: workspace)
        for (i, pixel) in reference.outputs_first_8_pixels.enumerated() {
            for (c, value) in pixel.enumerated() {
                XCTAssertEqual(Double(output[i, c]), value, accuracy: 1e-5, "pixel \(i) channel \(c)")
            }
        }
        let sum = output.values.reduce(0.0) { $0 + Double($1) }
        XCTAssertEqual(sum, reference.outputs_sum, accuracy: 1e-5 * 768)
    }

    func testLossAndGradientsMatchPyTorch() throws {
        let (loss, gradient) = try meanSquaredErrorGradient(network, coordinates, target)
        XCTAssertEqual(loss, reference.loss_value, accuracy: 1e-6 * reference.loss_value)
        for (k, layer) in network.layout.layers.enumerated() {
            for (name, range, firstCount) in [
                (ParameterLayout.weightName(k), layer.weightOffset..<layer.biasOffset, layer.inputs),
                (ParameterLayout.biasName(k), layer.biasOffset..<layer.end, min(8, layer.outputs)),
            ] {
                let expected = try XCTUnwrap(reference.gradients[name], name)
                let values = Array(gradient[range])
                let sum = values.reduce(0.0) { $0 + Double($1) }
                let absSum = values.reduce(0.0) { $0 + abs(Double($1)) }
                XCTAssertEqual(absSum, expected.abs_sum, accuracy: 1e-4 * expected.abs_sum, name)
                XCTAssertEqual(sum, expected.sum, accuracy: 1e-4 * expected.abs_sum, name)
                let first = try XCTUnwrap(expected.first_row ?? expected.values_first_8)
                XCTAssertLessThan(relativeMaxError(Array(values[..<firstCount]), first), 1e-4, name)
            }
        }
    }

    func testThreeAdamStepsMatchPyTorch() throws {
        let fit = try ImageFit(
            network: network, coordinates: coordinates, target: target,
            options: FitOptions(iterations: reference.adam.steps, adam: .init(learningRate: reference.adam.lr)))
        for expected in reference.adam.losses_before_each_step {
            XCTAssertEqual(try fit.step(), expected, accuracy: 1e-5 * expected)
        }
        let (lossAfter, _) = try meanSquaredErrorGradient(fit.network, coordinates, target)
        XCTAssertEqual(lossAfter, reference.adam.loss_after, accuracy: 1e-5 * lossAfter)
        for (k, layer) in fit.network.layout.layers.enumerated() {
            let name = ParameterLayout.weightName(k)
            let expected = try XCTUnwrap(reference.adam.after[name], name)
            let weight = Array(fit.network.parameters[layer.weightOffset..<layer.biasOffset])
            XCTAssertLessThan(relativeMaxError(Array(weight[..<layer.inputs]), expected.first_row), 1e-5, name)
            let absSum = weight.reduce(0.0) { $0 + abs(Double($1)) }
            XCTAssertEqual(weight.reduce(0.0) { $0 + Double($1) }, expected.sum, accuracy: 1e-6 * absSum, name)
        }
    }
}
