import Foundation
import XCTest
@testable import Operators

final class RegistryTests: XCTestCase {
    private let shape = ImageShape(height: 32, width: 32)

    private func buildError(_ parameters: ParameterMap, shape: ImageShape? = nil) -> String {
        errorMessage { try operatorRegistry.make(parameters, context: BuildContext(shape: shape ?? self.shape)) } ?? "no error"
    }

    func testEveryRegisteredNameBuilds() throws {
        XCTAssertEqual(operatorRegistry.names, ["identity", "blur", "downsample", "resize", "inpaint", "radon", "mri"])
        XCTAssertEqual(noiseRegistry.names, ["gaussian", "poisson", "poisson_gaussian", "salt_pepper", "uniform"])
        let noise = try noiseRegistry.make(["name": .string("poisson_gaussian"), "peak": .number(10), "sigma": .number(0.01)],
                                           context: BuildContext(shape: shape))
        XCTAssertTrue(noise is PoissonGaussianNoise)
    }

    func testUnknownNamesAndParametersListTheValidOnes() {
        XCTAssertEqual(buildError(spec("deblur")),
                       "unknown operator 'deblur'; valid names: identity, blur, downsample, resize, inpaint, radon, mri")
        XCTAssertEqual(buildError(spec("radon", ["angles": .number(10), "angels": .number(3)])),
                       "radon: unknown parameter 'angels'; valid parameters: angles, detectors")
        XCTAssertEqual(errorMessage { try noiseRegistry.make(["name": .string("speckle")], context: BuildContext(shape: self.shape)) },
                       "unknown noise model 'speckle'; valid names: gaussian, poisson, poisson_gaussian, salt_pepper, uniform")
        XCTAssertEqual(buildError(["kernel": .string("box")]), "operator: missing required parameter 'name'")
        XCTAssertEqual(buildError(spec("blur", ["kernel": .string("box"), "size": .number(3), "sigma": .number(2)])),
                       "blur: parameter 'sigma' does not apply to this configuration (parameters used: boundary, kernel, size)")
    }

    func testBadValuesNameTheParameter() throws {
        let cases: [(ParameterMap, ImageShape?, String)] = [
            (spec("blur", ["kernel": .string("gaussian"), "sigma": .number(-1)]), nil, "blur: parameter 'sigma' must be > 0, got -1.0"),
            (spec("blur", ["kernel": .string("gaussian"), "sigma": .string("wide")]), nil, "blur: parameter 'sigma' must be a number, got 'wide'"),
            (spec("blur", ["kernel": .string("gauss"), "sigma": .number(1)]), nil, "blur: parameter 'kernel' must be one of gaussian|box|disk|motion|file, got 'gauss'"),
            (spec("blur", ["kernel": .string("box"), "size": .number(40)]), nil, "blur: parameter 'size' 40 makes a 40-pixel kernel, larger than the 32×32 image"),
            (spec("blur", ["kernel": .string("gaussian"), "sigma": .number(1e12)]), nil,
             "blur: parameter 'sigma' 1000000000000 makes a 1000000000-pixel kernel, larger than the 32×32 image"),
            (spec("blur", ["kernel": .string("motion"), "length": .number(40)]), nil,
             "blur: parameter 'length' 40 makes a 41-pixel kernel, larger than the 32×32 image"),
            (spec("radon", ["angles": .number(0)]), nil, "radon: parameter 'angles' must be ≥ 1, got 0"),
            (spec("radon", ["angles": .number(1e8)]), nil,
             "radon: parameter 'angles' 100000000 angles × 46 detectors make a sinogram of 4600000000 samples; at most 268435456"),
            (spec("radon", ["angles": .number(2.5)]), nil, "radon: parameter 'angles' must be an integer, got 2.5"),
            (spec("mri", ["acceleration": .number(0.5)]), nil, "mri: parameter 'acceleration' must be ≥ 1, got 0.5"),
            (spec("mri", ["mask": .string("equispaced"), "acceleration": .number(0)]), nil, "mri: parameter 'acceleration' must be ≥ 1, got 0.0"),
            (spec("mri", ["mask": .string("full"), "seed": .number(3)]), nil,
             "mri: parameter 'seed' does not apply to this configuration (parameters used: mask)"),
            (spec("mri", ["center_fraction": .number(1.5)]), nil, "mri: parameter 'center_fraction' must be in [0, 1), got 1.5"),
            (spec("downsample", ["factor": .number(3)]), nil,
             "downsample: parameter 'factor' 3 does not divide the image size 32×32; crop the image to a multiple of 3 first"),
            (spec("inpaint", ["mask": .string("random"), "fraction": .number(1.2)]), nil,
             "inpaint: parameter 'fraction' must be in [0, 1] (the fraction of pixels kept), got 1.2"),
            (spec("inpaint", ["mask": .string("block"), "block_height": .number(50)]), nil,
             "inpaint: parameter 'block_height' must be in 1...32 (the image size), got 50"),
        ]
        for (parameters, shape, message) in cases {
            XCTAssertEqual(buildError(parameters, shape: shape), message)
        }
    }

    func testMaskAndKernelFilesAreValidated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-registry-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let maskURL = directory.appendingPathComponent("mask.txt")
        try (0..<5).map { _ in "1 0 1 1 0" }.joined(separator: "\n").write(to: maskURL, atomically: true, encoding: .utf8)
        let context = BuildContext(shape: shape, baseDirectory: directory)
        XCTAssertEqual(errorMessage { try operatorRegistry.make(spec("inpaint", ["mask": .string("file"), "path": .string("mask.txt")]), context: context) },
                       "inpaint: parameter 'mask' is 5×5, expected the image size 32×32")
        let ragged = directory.appendingPathComponent("ragged.txt")
        try "1 2 3\n4 5\n".write(to: ragged, atomically: true, encoding: .utf8)
        XCTAssertEqual(errorMessage { try BlurKernel.file(ragged) }, "\(ragged.path): line 2 has 2 numbers; expected 3 like the first row")
        XCTAssertEqual(errorMessage { try BlurKernel.file(directory.appendingPathComponent("missing.txt")) }?.hasPrefix("\(directory.path)/missing.txt: cannot be read"), true)
        let levin = spec("blur", ["kernel": .string("file"), "path": .string("Datasets/levin09/levin09_4.txt")])
        XCTAssertEqual(errorMessage { try operatorRegistry.make(levin, context: BuildContext(shape: ImageShape(height: 20, width: 20),
                                                                                           baseDirectory: repositoryRoot)) },
                       "blur: parameter 'kernel' is 27×27, larger than the 20×20 image")
        let small = try operatorRegistry.make(spec("inpaint", ["mask": .string("file"), "path": .string("mask.txt")]),
                                              context: BuildContext(shape: ImageShape(height: 5, width: 5), baseDirectory: directory))
        XCTAssertEqual((small as? InpaintOperator)?.mask.observedFraction, 0.6)
    }

    func testNoiseParametersAreValidated() {
        func noiseError(_ parameters: ParameterMap) -> String? {
            errorMessage { try noiseRegistry.make(parameters, context: BuildContext(shape: self.shape)) }
        }
        XCTAssertEqual(noiseError(["name": .string("gaussian"), "sigma": .number(-0.1)]),
                       "gaussian noise: parameter 'sigma' must be > 0 and finite, got -0.1")
        XCTAssertEqual(noiseError(["name": .string("salt_pepper"), "p": .number(2)]),
                       "salt_pepper noise: parameter 'p' must be a probability in [0, 1], got 2.0")
        XCTAssertEqual(noiseError(["name": .string("poisson")]), "poisson: missing required parameter 'peak'")
    }

    func testParameterValuesDecodeFromJSON() throws {
        let decoded = try JSONDecoder().decode(ParameterMap.self, from: Data(#"{"name": "radon", "angles": 30, "list": [1, "a"]}"#.utf8))
        XCTAssertEqual(decoded, ["name": .string("radon"), "angles": .number(30), "list": .list([.number(1), .string("a")])])
    }
}
