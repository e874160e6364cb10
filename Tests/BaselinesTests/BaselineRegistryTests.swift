import XCTest
@testable import Baselines
import Operators

final class BaselineRegistryTests: XCTestCase {
    private let context = BuildContext(shape: ImageShape(height: 8, width: 8))

    private func buildError(_ parameters: ParameterMap) -> String {
        errorMessage { try baselineRegistry.make(parameters, context: self.context) } ?? "no error"
    }

    func testNamesDefaultsAndParameters() throws {
        XCTAssertEqual(baselineRegistry.names, ["adjoint", "cg", "bicubic", "fbp", "zero_filled", "tv", "bm3d", "pnp"])
        let cg = try XCTUnwrap(try baselineRegistry.make(spec("cg"), context: context) as? ConjugateGradientBaseline)
        XCTAssertEqual([cg.lambda, Double(cg.iterations), cg.tolerance], [1e-3, 100, 1e-6])
        let tv = try XCTUnwrap(try baselineRegistry.make(spec("tv", ["weight": .number(0.02), "clip": .string("false")]), context: context)
            as? TotalVariationBaseline)
        XCTAssertEqual(tv.weight, 0.02)
        XCTAssertEqual(tv.iterations, 300)
        XCTAssertFalse(tv.clip)
        XCTAssertTrue(try XCTUnwrap(try baselineRegistry.make(spec("tv"), context: context) as? TotalVariationBaseline).clip)
        let fbp = try XCTUnwrap(try baselineRegistry.make(spec("fbp"), context: context) as? FilteredBackProjectionBaseline)
        XCTAssertEqual(fbp.filter, .ramp)
        XCTAssertNil(try XCTUnwrap(try baselineRegistry.make(spec("bm3d"), context: context) as? BM3DBaseline).sigma)
        XCTAssertEqual(try XCTUnwrap(try baselineRegistry.make(spec("bm3d", ["sigma": .number(0.1)]), context: context) as? BM3DBaseline).sigma, 0.1)
    }

    func testUnknownNamesAndParametersListTheValidOnes() {
        XCTAssertEqual(buildError(spec("fista")), "unknown baseline 'fista'; valid names: adjoint, cg, bicubic, fbp, zero_filled, tv, bm3d, pnp")
        XCTAssertEqual(buildError(spec("cg", ["lamda": .number(0.1)])), "cg: unknown parameter 'lamda'; valid parameters: lambda, iterations, tolerance")
        XCTAssertEqual(buildError(spec("adjoint", ["lambda": .number(0.1)])), "adjoint: unknown parameter 'lambda'; valid parameters: none")
        XCTAssertEqual(buildError(["lambda": .number(1)]), "baseline: missing required parameter 'name'")
    }

    func testBadValuesNameTheParameter() {
        let cases: [(ParameterMap, String)] = [
            (spec("cg", ["lambda": .number(-1)]), "cg: parameter 'lambda' must be ≥ 0, got -1.0"),
            (spec("cg", ["iterations": .number(0)]), "cg: parameter 'iterations' must be ≥ 1, got 0"),
            (spec("cg", ["iterations": .number(2.5)]), "cg: parameter 'iterations' must be an integer, got 2.5"),
            (spec("cg", ["tolerance": .string("small")]), "cg: parameter 'tolerance' must be a number, got 'small'"),
            (spec("tv", ["weight": .number(-0.1)]), "tv: parameter 'weight' must be ≥ 0, got -0.1"),
            (spec("tv", ["iterations": .number(-5)]), "tv: parameter 'iterations' must be ≥ 1, got -5"),
            (spec("tv", ["clip": .string("maybe")]), "tv: parameter 'clip' must be one of true|false, got 'maybe'"),
            (spec("fbp", ["filter": .string("cosine")]), "fbp: parameter 'filter' must be one of ramp|shepp_logan|hann, got 'cosine'"),
        ]
        for (parameters, expected) in cases { XCTAssertEqual(buildError(parameters), expected) }
    }
}
