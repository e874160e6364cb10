import Priors
@testable import Problems
import XCTest

/// A prior's recipe written on the command line (`compare-priors --prior '{kind: …}'`) reads as the same entry of a
/// problem file's `priors:` does, with the command's image side as its default size; every refusal names the option
/// and the key.
final class PriorRecipeParsingTests: XCTestCase {
    func testARecipeTakesTheCommandsSizeUnlessItGivesItsOwn() throws {
        let recipe = try PriorRecipe.parse("{kind: strainer, dataset: celeba-hq-178, iterations: 300}", option: "--prior", size: 32, networkLayers: 6)
        XCTAssertEqual(recipe.label, "strainer")
        XCTAssertEqual(recipe.source, .trained(TrainedPriorRecipe(
            kind: .strainer, data: DatasetSelection(dataset: "celeba-hq-178", split: "train", images: .all), size: 32, iterations: 300,
            seed: 0, sharedLayers: nil)))
        let own = try PriorRecipe.parse("{kind: meta, dataset: celeba-hq-178, size: 64, algorithm: reptile, outer_lr: 1.0e-4, label: reptile}",
                                        option: "--prior", size: 32, networkLayers: 6)
        guard case let .trained(meta) = own.source else { return XCTFail("expected a learned prior") }
        XCTAssertEqual(own.label, "reptile")
        XCTAssertEqual(meta.size, 64)
        XCTAssertEqual(meta.meta, MetaLearner.Options(algorithm: .reptile, innerSteps: 2, innerLearningRate: 1e-2, outerLearningRate: 1e-4,
                                                      tasksPerStep: 3))
    }

    func testRefusalsNameTheOptionAndTheKey() {
        let cases: [(text: String, message: String)] = [
            ("{kind: strainer}", "--prior: missing key 'dataset' (a strainer prior is learned on a dataset's images)"),
            ("{kind: strainer, dataset: celeba-hq-178, shared_layers: 6}",
             "--prior: shared_layers: must be in 1…5 (the network has 6 layers and the last is the decoder), got 6"),
            ("{kind: strainer, dataset: celeba-hq-178, steps: 5}", "--prior: steps: unknown key 'steps'; valid keys: "),
            ("{kind: strainer, dataset: celeba-hq-178, iterations: 0}", "--prior: iterations: must be ≥ 1, got 0"),
            ("strainer", "--prior: must be a YAML mapping such as {kind: strainer, dataset: celeba-hq-178, iterations: 5000}"),
            ("{kind: strainer, dataset: [", "--prior: is '{kind: strainer, dataset: [' ("),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try PriorRecipe.parse(text, option: "--prior", size: 32, networkLayers: 6), text) { error in
                XCTAssertTrue("\(error)".hasPrefix(message), "\(text): \(error)")
            }
        }
    }
}
