import Foundation
import XCTest
import TestSupport
import INR
import Imaging
@testable import Priors

final class PriorFileTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-priors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A prior trained by the PyTorch reference (`peers/strainer_ref.py` names) reproduces the encoder features and
    /// a decoder output that PyTorch recorded on a 24×24 grid (`strainer_tiny_torch.json`).
    func testPriorTrainedInPyTorchReproducesItsFeatures() throws {
        let prior = try PriorFile.read(fixture("strainer_tiny_torch.safetensors"))
        XCTAssertEqual(prior.kind, .strainer)
        guard case .sharedEncoder(let model) = prior.content else { return XCTFail("expected a shared encoder") }
        XCTAssertEqual(model.architecture.dimensions, [2, 32, 32, 32, 32, 32, 3])
        XCTAssertEqual(model.architecture.encoderDepth, 5)
        XCTAssertEqual(model.decoders.count, 3)

        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture("strainer_tiny_torch.json"))) as! [String: Any]
        let grid = try Matrix(rows: 576, columns: 2, values: Imaging.CoordinateGrid.make(height: 24, width: 24))
        let features = try model.encoder.evaluate(grid, workspace: Workspace(architecture: model.encoder.architecture, capacity: 576))
        let sum = features.values.reduce(0.0) { $0 + Double($1) }
        let absoluteSum = features.values.reduce(0.0) { $0 + Double(abs($1)) }
        XCTAssertEqual(sum, reference["features_sum"] as! Double, accuracy: 1e-2)
        XCTAssertEqual(absoluteSum, reference["features_abs_sum"] as! Double, accuracy: 1e-2)
        for (pixel, key) in [(0, "features_first_pixel"), (100, "features_pixel_100")] {
            let expected = (reference[key] as! [Double]).map { Float($0) }
            XCTAssertLessThan(relativeMaxError(Array(features.values[(pixel * 32)..<((pixel + 1) * 32)]), expected), 1e-5, key)
        }
        let network = try model.network(decoder: model.decoders[0])
        let output = try network.evaluate(grid, workspace: Workspace(architecture: network.architecture, capacity: 576))
        XCTAssertLessThan(relativeMaxError(Array(output.values[0..<3]),
                                        (reference["decoder0_output_first_pixel"] as! [Double]).map { Float($0) }), 1e-5)
    }

    func testSharedEncoderFileRoundTripsWithPyTorchNames() throws {
        let model = try SharedEncoder(architecture: try .siren(outputs: 3, width: 8, layers: 4), decoderCount: 2, seed: 9)
        let provenance = PriorProvenance(
            dataset: "celeba-hq-178", split: "train", imageNames: ["a", "b"], imageDigests: ["00ff", "ab12"], iterations: 5000,
            trainingPSNRs: [41.25, 39.5], trainingSeconds: 1234.5, seed: 9, suiteVersion: "0.1.0", settings: ["note": "x"],
            platform: ["cpu": "Some CPU", "blas": "OpenBLAS 0.3.21 Haswell"])
        let url = scratch.appendingPathComponent("prior.safetensors")
        try PriorFile(kind: .strainer, content: .sharedEncoder(model), provenance: provenance).write(to: url)

        let raw = try SafeTensors.read(url)
        XCTAssertEqual(Set(raw.tensors.keys), ["encoder.ls.0.weight", "encoder.ls.0.bias", "encoder.ls.1.weight", "encoder.ls.1.bias",
                                               "encoder.ls.2.weight", "encoder.ls.2.bias", "decoders.0.weight", "decoders.0.bias",
                                               "decoders.1.weight", "decoders.1.bias"])
        XCTAssertEqual(raw.tensors["encoder.ls.1.weight"]?.shape, [8, 8])
        XCTAssertEqual(raw.tensors["decoders.1.weight"]?.shape, [3, 8])
        XCTAssertEqual(raw.metadata["kind"], "strainer")
        XCTAssertEqual(raw.metadata["omega"], "30.0")
        XCTAssertEqual(raw.metadata["shared_layers"], "3")
        XCTAssertEqual(raw.metadata["training_sha256"], "00ff,ab12")
        XCTAssertEqual(raw.metadata["platform.cpu"], "Some CPU")

        let read = try PriorFile.read(url)
        XCTAssertEqual(read.provenance, provenance)
        guard case .sharedEncoder(let loaded) = read.content else { return XCTFail("expected a shared encoder") }
        XCTAssertEqual(loaded.encoder.parameters, model.encoder.parameters)
        XCTAssertEqual(loaded.decoders.map(\.parameters), model.decoders.map(\.parameters))
    }

    func testTransferKeepsTheEncoderAndDrawsASeededDecoder() throws {
        let architecture = try Architecture.siren(outputs: 3, width: 8, layers: 4)
        let model = try SharedEncoder(architecture: architecture, decoderCount: 2, seed: 9)
        let prior = StrainerPrior(model: model)
        let first = try prior.initialization(for: architecture, seed: 1)
        let cut = model.encoder.layout.count
        XCTAssertEqual(Array(first.network.parameters[..<cut]), model.encoder.parameters)
        XCTAssertEqual(Array(first.network.parameters[cut...]), try SharedEncoder.freshDecoder(of: architecture, seed: 1).parameters)
        XCTAssertEqual(first.frozenParameterCount, 0)
        XCTAssertEqual(try prior.initialization(for: architecture, seed: 1).network.parameters, first.network.parameters)
        XCTAssertNotEqual(try prior.initialization(for: architecture, seed: 2).network.parameters, first.network.parameters)

        let frozen = try StrainerPrior(model: model, transfer: .frozenEncoder).initialization(for: architecture, seed: 1)
        XCTAssertEqual(frozen.frozenParameterCount, cut)

        let gray = try prior.initialization(for: try .siren(outputs: 1, width: 8, layers: 4), seed: 1)
        XCTAssertEqual(gray.network.architecture.dimensions.last, 1, "an RGB-trained encoder seeds a gray fit")
        XCTAssertThrowsError(try prior.initialization(for: try .siren(outputs: 3, width: 16, layers: 4), seed: 1)) { error in
            XCTAssertTrue("\(error)".contains("does not start with it"), "\(error)")
        }
        XCTAssertThrowsError(try prior.initialization(for: try .siren(outputs: 3, width: 8, layers: 4, omega: 20), seed: 1))
    }

    func testWholeNetworkPriorsRefuseAnotherArchitecture() throws {
        let network = try Network(architecture: try .siren(outputs: 3, width: 8, layers: 3), seed: 4)
        let url = scratch.appendingPathComponent("fitted.safetensors")
        try PriorFile(kind: .fitted, content: .network(network), provenance: nil).write(to: url)
        let prior = try PriorFile.read(url).prior()
        XCTAssertEqual(prior.name, "fitted")
        XCTAssertEqual(try prior.initialization(for: network.architecture, seed: 77).network.parameters, network.parameters)
        XCTAssertThrowsError(try prior.initialization(for: try .siren(outputs: 1, width: 8, layers: 3), seed: 0)) { error in
            XCTAssertTrue("\(error)".contains("was learned for siren [2, 8, 8, 3]; the requested network is siren [2, 8, 8, 1]"), "\(error)")
        }
    }

    func testTruncatedAndForeignFilesAreClearErrors() throws {
        let model = try SharedEncoder(architecture: try .siren(outputs: 3, width: 8, layers: 3), decoderCount: 1, seed: 1)
        let url = scratch.appendingPathComponent("prior.safetensors")
        try PriorFile(kind: .strainer1, content: .sharedEncoder(model), provenance: nil).write(to: url)
        XCTAssertEqual(try PriorFile.read(url).kind, .strainer1)

        let bytes = try Data(contentsOf: url)
        let truncated = scratch.appendingPathComponent("truncated.safetensors")
        try bytes.prefix(bytes.count - 10).write(to: truncated)
        XCTAssertThrowsError(try PriorFile.read(truncated)) { error in
            XCTAssertTrue("\(error)".contains(truncated.path), "\(error)")
        }

        let checkpoint = scratch.appendingPathComponent("checkpoint.safetensors")
        try Network(architecture: try .siren(outputs: 3, width: 8, layers: 3), seed: 1).save(to: checkpoint)
        XCTAssertThrowsError(try PriorFile.read(checkpoint)) { error in
            XCTAssertTrue("\(error)".contains("has no metadata field 'kind'; expected a prior file"), "\(error)")
        }
    }
}

extension PriorFileTests {
    func testDeeperDecodersRoundTrip() throws {
        let architecture = try Architecture(family: .siren(omegaFirst: 30, omegaHidden: 30), dimensions: [2, 8, 8, 8, 3], encoderDepth: 2)
        let model = try SharedEncoder(architecture: architecture, decoderCount: 2, seed: 3)
        XCTAssertEqual(model.decoders[0].architecture.layerCount, 2)
        let file = PriorFile(kind: .strainer, content: .sharedEncoder(model), provenance: nil).safeTensors()
        XCTAssertNotNil(file.tensors["decoders.1.1.weight"])
        guard case .sharedEncoder(let loaded) = try PriorFile.decode(file, file: "deep").content else { return XCTFail() }
        XCTAssertEqual(loaded.decoders.map(\.parameters), model.decoders.map(\.parameters))
        XCTAssertEqual(loaded.architecture.encoderDepth, 2)
    }
}

extension PriorFileTests {
    /// Fitting from a frozen encoder moves only the decoder, and the fit still improves.
    func testAFrozenEncoderStaysExactlyFixed() throws {
        let architecture = try Architecture.siren(outputs: 3, width: 16, layers: 3)
        let model = try SharedEncoder(architecture: architecture, decoderCount: 1, seed: 2)
        let start = try StrainerPrior(model: model, transfer: .frozenEncoder).initialization(for: architecture, seed: 4)
        let set = try TrainingSet(images: smoothImages(count: 1, size: 8))
        let fit = try ImageFit(network: start.network, coordinates: set.coordinates, target: set.targets[0],
                               options: FitOptions(iterations: 20, adam: .init(learningRate: 1e-3),
                                                   frozenParameterCount: start.frozenParameterCount))
        let before = try fit.measure().meanSquaredError
        for _ in 0..<20 { try fit.step() }
        let cut = start.frozenParameterCount
        XCTAssertEqual(Array(fit.network.parameters[..<cut]), Array(start.network.parameters[..<cut]))
        XCTAssertNotEqual(Array(fit.network.parameters[cut...]), Array(start.network.parameters[cut...]))
        XCTAssertLessThan(try fit.measure().meanSquaredError, before)
        XCTAssertThrowsError(try ImageFit(network: start.network, coordinates: set.coordinates, target: set.targets[0],
                                          options: FitOptions(iterations: 1, frozenParameterCount: start.network.layout.count + 1)))
    }
}

extension PriorFileTests {
    /// Transferring the first k encoder layers: layers < k are the encoder's, layers ≥ k are exactly the random
    /// network of the same seed; freezing the first f layers fixes exactly their parameters during a fit.
    func testPartialTransferCopiesAndFreezesExactlyTheRequestedLayers() throws {
        let architecture = try Architecture.siren(outputs: 3, width: 8, layers: 5)  // encoder: 4 layers
        let model = try SharedEncoder(architecture: architecture, decoderCount: 2, seed: 9)
        let random = try Network(architecture: architecture, seed: 3)
        let layout = random.layout
        func layer(_ k: Int, of parameters: [Float]) -> [Float] {
            Array(parameters[layout.layers[k].weightOffset..<layout.layers[k].end])
        }
        let whole = try StrainerPrior(model: model).initialization(for: architecture, seed: 3)
        let same = try StrainerPrior(model: model, transfer: EncoderTransfer(layers: 4)).initialization(for: architecture, seed: 3)
        XCTAssertEqual(same.network.parameters, whole.network.parameters, "transferring all 4 layers is the paper's recipe, bit for bit")

        let start = try StrainerPrior(model: model, transfer: EncoderTransfer(layers: 2, freezing: .firstLayers(1)))
            .initialization(for: architecture, seed: 3)
        for k in 0..<2 { XCTAssertEqual(layer(k, of: start.network.parameters), layer(k, of: model.encoder.parameters), "layer \(k) copied") }
        for k in 2..<5 { XCTAssertEqual(layer(k, of: start.network.parameters), layer(k, of: random.parameters), "layer \(k) fresh") }
        XCTAssertEqual(start.frozenParameterCount, layout.layers[0].end)

        let set = try TrainingSet(images: smoothImages(count: 1, size: 8))
        let fit = try ImageFit(network: start.network, coordinates: set.coordinates, target: set.targets[0],
                               options: FitOptions(iterations: 5, adam: .init(learningRate: 1e-3),
                                                   frozenParameterCount: start.frozenParameterCount))
        for _ in 0..<5 { try fit.step() }
        XCTAssertEqual(layer(0, of: fit.network.parameters), layer(0, of: start.network.parameters), "frozen layer 0 unchanged")
        for k in 1..<5 { XCTAssertNotEqual(layer(k, of: fit.network.parameters), layer(k, of: start.network.parameters), "layer \(k) trains") }

        let frozenTwo = try StrainerPrior(model: model, transfer: EncoderTransfer(layers: 2, freezing: .transferredLayers))
            .initialization(for: architecture, seed: 3)
        XCTAssertEqual(frozenTwo.frozenParameterCount, layout.layers[1].end)

        for (transfer, message) in [
            (EncoderTransfer(layers: 5), "transferred layers: is 5; the prior's encoder has 4 layer(s), so expected 1…4"),
            (EncoderTransfer(layers: 0), "transferred layers: is 0"),
            (EncoderTransfer(layers: 2, freezing: .firstLayers(3)), "frozen layers: is 3; expected 0…2"),
        ] {
            XCTAssertThrowsError(try StrainerPrior(model: model, transfer: transfer).initialization(for: architecture, seed: 3)) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
    }
}
