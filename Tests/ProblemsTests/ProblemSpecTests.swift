import Foundation
import XCTest
import Priors
import Operators
@testable import Problems

/// Reading problem files: defaults are filled in, and every kind of fault is one error naming the file and the key.
final class ProblemSpecTests: ProblemFileTestCase {
    func testAValidFileIsReadWithItsDefaults() throws {
        let problem = try load(Self.validProblem)
        let spec = problem.spec
        XCTAssertEqual(spec.id, "demo")
        XCTAssertEqual(spec.groundTruth, .dataset(DatasetSelection(dataset: "celeba-hq-178", split: "val", images: .first(2))))
        XCTAssertEqual(spec.imageShape, ImageShape(height: 16, width: 16, channels: 3))
        XCTAssertEqual(spec.preparation, .resize)
        XCTAssertEqual(spec.operatorSpec, ["name": .string("blur"), "kernel": .string("gaussian"), "sigma": .number(1)])
        XCTAssertEqual(spec.noiseSpec, ["name": .string("gaussian"), "sigma": .number(0.1)])
        XCTAssertEqual(spec.seed, 7)
        XCTAssertEqual(spec.network, NetworkSpec(), "absent network: the paper's SIREN")
        XCTAssertEqual(spec.network.width, 256)
        XCTAssertEqual(spec.network.layers, 6)
        XCTAssertEqual(spec.network.omega, 30)
        XCTAssertEqual(spec.solver.iterations, 10)
        XCTAssertEqual(spec.solver.learningRate, 1e-3)
        XCTAssertEqual(spec.solver.evaluateEvery, 5)
        XCTAssertEqual(spec.solver.tvWeight, 0, "absent tv_weight: no TV")
        XCTAssertEqual(spec.solver.stop, .none, "absent stop: every iteration runs")
        XCTAssertEqual(spec.solver.discrepancyTarget, 1)
        XCTAssertEqual(spec.priors, [
            PriorRecipe(label: "random", source: .random(seed: 0)),
            PriorRecipe(label: "strainer", source: .trained(TrainedPriorRecipe(
                kind: .strainer, data: DatasetSelection(dataset: "celeba-hq-178", split: "train", images: .first(3)),
                size: 16, iterations: 100, seed: 0, sharedLayers: nil))),
        ], "a learned prior's split defaults to train and its size to the problem's")
        XCTAssertEqual(spec.baselines, [["name": .string("tv"), "weight": .number(0.1)]])
        XCTAssertEqual(problem.resolve("k.txt").path, scratch.appendingPathComponent("k.txt").path,
                       "relative paths are resolved against the problem file's folder")
    }

    func testOptionalFormsOfImagesPriorsAndNetwork() throws {
        var text = variant("images", "images: [female_064119_ref.png, male_021612_ref]")
        text = text.replacingOccurrences(of: "{kind: random}", with: "{kind: random, seed: 3, label: init}")
        text = text.replacingOccurrences(of: "images: 3, iterations: 100}", with: "size: 32, shared_layers: 2}\n  - {file: p/prior.safetensors}")
        text += "\nnetwork: {family: fourier, width: 64, layers: 3, features: 16, sigma: 5}\npreparation: crop"
        let spec = try load(text).spec
        XCTAssertEqual(spec.groundTruth, .dataset(DatasetSelection(dataset: "celeba-hq-178", split: "val",
                                                                   images: .named(["female_064119_ref.png", "male_021612_ref"]))))
        XCTAssertEqual(spec.preparation, .crop)
        XCTAssertEqual(spec.priors.map(\.label), ["init", "strainer", "prior"])
        XCTAssertEqual(spec.priors[0].source, .random(seed: 3))
        XCTAssertEqual(spec.priors[1].source, .trained(TrainedPriorRecipe(
            kind: .strainer, data: DatasetSelection(dataset: "celeba-hq-178", split: "train", images: .all),
            size: 32, iterations: TrainedPriorRecipe.defaultIterations, seed: 0, sharedLayers: 2)))
        XCTAssertEqual(spec.priors[2].source, .file(path: "p/prior.safetensors"))
        XCTAssertEqual(spec.priors.map(\.transferLayers), [nil, nil, nil], "absent transfer_layers: the whole encoder")
        XCTAssertEqual(spec.network.family, .fourier)
        XCTAssertEqual(spec.network.features, 16)
        XCTAssertEqual(spec.network.sigma, 5)
    }

    func testTransferSettingsOfStrainerAndFileEntries() throws {
        let text = variant("priors", """
            priors:
              - {kind: strainer, dataset: celeba-hq-178, shared_layers: 3, transfer_layers: 2, freeze_layers: 1, label: two}
              - {file: p/prior.safetensors, freeze_layers: 5}
            """)
        let priors = try load(text).spec.priors
        XCTAssertEqual(priors.map(\.transferLayers), [2, nil])
        XCTAssertEqual(priors.map(\.freezeLayers), [1, 5])
        XCTAssertTrue(priors[0].description.hasSuffix("3 shared layers, first 2 encoder layers transferred, first 1 layers frozen"),
                      priors[0].description)
        assertPriorEntriesRejected([
            ("{kind: strainer, dataset: celeba-hq-178, shared_layers: 3, transfer_layers: 4}", "transfer_layers", "must be in 1…3 (the encoder's layers), got 4"),
            ("{kind: strainer, dataset: celeba-hq-178, transfer_layers: 2, freeze_layers: 3}", "freeze_layers", "must be in 0…2 (only transferred layers can be frozen), got 3"),
            ("{kind: strainer-1, dataset: celeba-hq-178, freeze_layers: -1}", "freeze_layers", "must be in 0…5"),
            ("{kind: fitted, dataset: celeba-hq-178, transfer_layers: 2}", "transfer_layers", "does not apply to kind fitted (no shared encoder)"),
            ("{kind: random, freeze_layers: 1}", "freeze_layers", "does not apply to kind random"),
        ])
    }

    func testMetaLearningSettingsOfMetaEntries() throws {
        let text = variant("priors", """
            priors:
              - {kind: meta, dataset: celeba-hq-178, algorithm: reptile, outer_lr: 1.0e-4, inner_steps: 3, label: reptile}
              - {kind: meta, dataset: celeba-hq-178, label: tancik}
            """)
        let priors = try load(text).spec.priors
        guard case let .trained(reptile) = priors[0].source, case let .trained(tancik) = priors[1].source else {
            return XCTFail("expected learned priors")
        }
        XCTAssertEqual(reptile.meta, MetaLearner.Options(algorithm: .reptile, innerSteps: 3, innerLearningRate: 1e-2,
                                                         outerLearningRate: 1e-4, tasksPerStep: 3))
        XCTAssertEqual(tancik.meta, MetaLearner.Options(), "absent settings: Tancik et al.'s defaults")
        XCTAssertEqual(reptile.metaSettingsIfChanged, "reptile, 3 inner steps at 0.01, outer 0.0001, 3 tasks a step")
        XCTAssertNil(tancik.metaSettingsIfChanged)
        assertPriorEntriesRejected([
            ("{kind: meta, dataset: celeba-hq-178, algorithm: maml}", "algorithm", "is 'maml'; expected one of fomaml, reptile"),
            ("{kind: meta, dataset: celeba-hq-178, outer_lr: 0}", "outer_lr", "must be > 0, got 0"),
            ("{kind: meta, dataset: celeba-hq-178, tasks_per_step: 0}", "tasks_per_step", "must be ≥ 1, got 0"),
            ("{kind: strainer, dataset: celeba-hq-178, inner_lr: 0.1}", "inner_lr", "does not apply to kind strainer (meta-learning settings)"),
            ("{file: m.safetensors, algorithm: reptile}", "algorithm", "does not apply to a prior file"),
        ])
    }

    func testLearningRateSchedules() throws {
        func schedule(_ text: String) throws -> ScheduleSetting {
            try load(variant("solver", "solver: {iterations: 10, schedule: \(text)}")).spec.solver.schedule
        }
        XCTAssertEqual(try load(Self.validProblem).spec.solver.schedule, .constant, "absent: constant")
        XCTAssertEqual(try schedule("cosine"), .cosine(floor: 0))
        XCTAssertEqual(try schedule("{name: cosine, floor: 0.01}"), .cosine(floor: 0.01))
        XCTAssertEqual(try schedule("{name: step, every: 500, factor: 0.5}"), .step(every: 500, factor: 0.5))
        XCTAssertEqual(ScheduleSetting.cosine(floor: 0.1).schedule(iterations: 10), .cosine(iterations: 10, floor: 0.1))
        for (text, key, message) in [
            ("cosin", "solver.schedule", "is 'cosin'; expected one of constant, cosine, step"),
            ("step", "solver.schedule", "'step' needs its parameters"),
            ("{name: cosine, floor: 1.5}", "solver.schedule.floor", "must be ≤ 1 (a fraction of lr), got 1.5"),
            ("{name: cosine, every: 3}", "solver.schedule.every", "does not apply to schedule cosine"),
            ("{name: step, every: 10}", "solver.schedule.factor", "is missing; step takes both every and factor"),
            ("{name: step, every: 0, factor: 0.5}", "solver.schedule.every", "must be ≥ 1, got 0"),
            ("{name: linear}", "solver.schedule.name", "is 'linear'; expected one of constant, cosine, step"),
            ("{name: cosine, warmup: 5}", "solver.schedule.warmup", "unknown key 'warmup'"),
        ] {
            assertRejected(variant("solver", "solver: {iterations: 10, schedule: \(text)}"), key: key, message)
        }
    }

    /// Each `(entry, key, message)`: a problem whose only prior is `entry` is rejected at `priors[0].key` with `message`.
    private func assertPriorEntriesRejected(_ cases: [(entry: String, key: String, message: String)],
                                            file: StaticString = #filePath, line: UInt = #line) {
        for (entry, key, message) in cases {
            assertRejected(variant("priors", "priors:\n  - \(entry)"), key: "priors[0].\(key)", message, file: file, line: line)
        }
    }

    func testUnknownKeysAreErrorsAtEveryLevel() {
        assertRejected(Self.validProblem + "\niterations: 5", key: "iterations", "unknown key 'iterations'; valid keys: baselines, channels")
        assertRejected(variant("solver", "solver: {iteratons: 10}"), key: "solver.iteratons",
                       "unknown key 'iteratons'; valid keys: discrepancy_target, evaluate_every, iterations, lr, schedule, stop, tv_weight")
        assertRejected(variant("network", "network: {widht: 10}"), key: "network.widht", "unknown key 'widht'")
        assertRejected(variant("priors", "priors:\n  - {kind: random, sed: 1}"), key: "priors[0].sed", "unknown key 'sed'")
    }

    func testWrongTypesNameTheKey() {
        assertRejected(variant("size", "size: big"), key: "size", "expected an integer")
        assertRejected(variant("solver", "solver: {lr: fast}"), key: "solver.lr", "expected a number")
        assertRejected(variant("operator", "operator: blur"), key: "operator", "expected a mapping of parameters with a 'name'")
        assertRejected(variant("images", "images: {first: 2}"), key: "images", "expected a number of images or a list of file names")
        assertRejected(variant("priors", "priors: random"), key: "priors", "expected a list")
        assertRejected(variant("solver", "solver: 5"), key: "solver", "expected a mapping")
    }

    func testBadValuesNameTheKeyAndTheExpectation() {
        assertRejected(variant("solver", "solver: {iterations: 0}"), key: "solver.iterations", "must be ≥ 1, got 0")
        assertRejected(variant("solver", "solver: {lr: 0}"), key: "solver.lr", "must be > 0, got 0")
        assertRejected(variant("solver", "solver: {evaluate_every: 0}"), key: "solver.evaluate_every", "must be ≥ 1, got 0")
        assertRejected(variant("solver", "solver: {tv_weight: -1}"), key: "solver.tv_weight", "must be ≥ 0, got -1")
        assertRejected(variant("solver", "solver: {stop: early}"), key: "solver.stop", "is 'early'; expected one of none, discrepancy")
        assertRejected(variant("solver", "solver: {discrepancy_target: 0}"), key: "solver.discrepancy_target", "must be > 0, got 0")
        assertRejected(variant("solver", "solver: {stop: discrepancy}").replacingOccurrences(of: "noise: {name: gaussian, sigma: 0.1}\n", with: ""),
                       key: "solver.stop", "is 'discrepancy', which compares the residual with the noise level; the problem has no 'noise'")
        assertRejected(variant("size", "size: 4"), key: "size", "must be ≥ 8, got 4")
        assertRejected(variant("channels", "channels: 2"), key: "channels", "must be 1 (gray) or 3 (RGB), got 2")
        assertRejected(variant("images", "images: 0"), key: "images", "must be ≥ 1, got 0")
        assertRejected(variant("images", "images: 11"), key: "images", "asks for 11 images but the split has 10")
        assertRejected(variant("images", "images: [nobody.png]"), key: "images", "'nobody.png' is not a file of the split")
        assertRejected(variant("seed", "seed: -1"), key: "seed", "must be ≥ 0, got -1")
        assertRejected(variant("preparation", "preparation: stretch"), key: "preparation", "is 'stretch'; expected one of resize, crop")
        assertRejected(variant("size", "size: 200") + "\npreparation: crop", key: "size", "200 is larger than")
        assertRejected(variant("network", "network: {family: fourier, omega: 30}"), key: "network.omega",
                       "does not apply to family fourier (it takes features, sigma)")
        assertRejected(variant("network", "network: {family: relu}"), key: "network.family", "is 'relu'; expected one of siren, fourier, gaussian")
    }

    func testPriorEntriesAreChecked() {
        assertRejected(variant("priors", "priors:\n  - {kind: randm}"), key: "priors[0].kind",
                       "is 'randm'; expected one of random, strainer, strainer-1, fitted, meta, or give 'file'")
        assertRejected(variant("priors", "priors:\n  - {kind: strainer}"), key: "priors[0]", "missing key 'dataset'")
        assertRejected(variant("priors", "priors:\n  - {kind: random, dataset: celeba-hq-178}"), key: "priors[0].dataset",
                       "does not apply to kind random")
        assertRejected(variant("priors", "priors:\n  - {file: a.safetensors, seed: 1}"), key: "priors[0].seed", "does not apply to a prior file")
        assertRejected(variant("priors", "priors:\n  - {file: a.safetensors, kind: random}"), key: "priors[0].kind", "either 'kind' or 'file'")
        assertRejected(variant("priors", "priors:\n  - {kind: strainer, dataset: celeba-hq-178, shared_layers: 6}"),
                       key: "priors[0].shared_layers", "must be in 1…5")
        assertRejected(variant("priors", "priors:\n  - {kind: meta, dataset: celeba-hq-178, shared_layers: 2}"),
                       key: "priors[0].shared_layers", "does not apply to kind meta")
        assertRejected(variant("priors", "priors:\n  - {kind: random}\n  - {kind: random, seed: 1}"), key: "priors[1]",
                       "label 'random' is also the label of priors[0]")
        assertRejected(variant("priors", "priors: []"), key: "priors", "is an empty list")
        assertRejected(variant("priors", "priors:\n  - {kind: strainer, dataset: celeba}"), key: "priors[0].dataset",
                       "unknown dataset 'celeba'; known datasets: celeba-hq-178, kodak24, levin09, natural")
        assertRejected(variant("priors", "priors:\n  - {kind: fitted, dataset: kodak24}"), key: "priors[0].split",
                       "dataset 'kodak24' has no split 'train'; its splits: all")
    }

    func testBaselinesNeedAName() {
        assertRejected(variant("baselines", "baselines:\n  - {name: tv}\n  - {weight: 1}"), key: "baselines[1]", "missing key 'name'")
        assertRejected(variant("baselines", "baselines:\n  - tv"), key: "baselines[0]", "expected a mapping")
    }

    func testGroundTruthIsADatasetOrAPhantom() throws {
        assertRejected(variant("dataset", "dataset: celeba"), key: "dataset",
                       "unknown dataset 'celeba'; known datasets: celeba-hq-178, kodak24, levin09, natural")
        assertRejected(variant("split", "split: test"), key: "split", "dataset 'celeba-hq-178' has no split 'test'; its splits: train, val")
        assertRejected(variant("dataset", "dataset: levin09").replacingOccurrences(of: "split: val", with: "split: all"),
                       key: "dataset", "'levin09' lists levin09_1.txt without an image size")
        assertRejected(Self.validProblem + "\nphantom: shepp-logan", key: "dataset", "does not apply with 'phantom'")
        let phantomOnly = Self.validProblem.replacingOccurrences(of: "dataset: celeba-hq-178\nsplit: val\nimages: 2",
                                                                  with: "phantom: shepp-logan")
        XCTAssertEqual(try load(phantomOnly).spec.groundTruth, .phantom(.sheppLogan))
        assertRejected(phantomOnly.replacingOccurrences(of: "shepp-logan", with: "sheep"), key: "phantom",
                       "is 'sheep'; expected one of shepp-logan")
        let neither = Self.validProblem.replacingOccurrences(of: "dataset: celeba-hq-178\nsplit: val\nimages: 2\n", with: "")
        assertRejected(neither, key: nil, "missing key 'dataset' (with 'split' and 'images') or 'phantom'")
    }

    func testOperatorAndNoiseAreBuiltAndTheirComplaintsPrefixed() {
        assertRejected(variant("operator", "operator: {name: blurr}"), key: "operator",
                       "unknown operator 'blurr'; valid names: identity, blur")
        assertRejected(variant("operator", "operator: {name: blur, kernel: gaussian, sigma: 1, fator: 2}"), key: "operator",
                       "blur: unknown parameter 'fator'")
        assertRejected(variant("operator", "operator: {kernel: gaussian}"), key: "operator", "missing key 'name'")
        assertRejected(variant("operator", "operator: {name: radon, angles: 0}"), key: "operator", "radon: parameter 'angles'")
        assertRejected(variant("noise", "noise: {name: gaussian}"), key: "noise", "gaussian: missing required parameter 'sigma'")
        assertRejected(variant("operator", "operator: {name: mri, mask: equispaced, acceleration: 4}")
                       .replacingOccurrences(of: "{name: gaussian, sigma: 0.1}", with: "{name: poisson, peak: 10}"),
                       key: "noise.name", "models intensities and cannot corrupt the complex measurement")
        assertRejected(variant("operator", "operator: {name: blur, kernel: file, path: missing.txt}"), key: "operator", "missing.txt")
    }

    func testIdMustBeTheFileName() {
        assertRejected(variant("id", "id: other"), key: "id", "is 'other' but the file is demo.yaml; expected id 'demo'")
        assertRejected(variant("id", ""), key: nil, "missing key 'id'")
    }

    func testMalformedYAMLIsOneLineNamingTheFile() {
        assertRejected("id: demo\n  title: [unclosed", key: nil, "not valid YAML")
        assertRejected("- just\n- a list", key: nil, "expected a mapping")
    }

    func testErrorPathsAreShownRelativeToTheWorkingDirectory() {
        XCTAssertEqual(ProblemError.displayPath(of: URL(fileURLWithPath: "/repo/Problems/sr4-faces.yaml"), workingDirectory: "/repo"),
                       "Problems/sr4-faces.yaml")
        XCTAssertEqual(ProblemError.displayPath(of: URL(fileURLWithPath: "/elsewhere/x.yaml"), workingDirectory: "/repo"),
                       "/elsewhere/x.yaml")
        XCTAssertEqual(ProblemError(file: "Problems/sr4-faces.yaml", key: "solver.iterations", problem: "must be ≥ 1, got 0").description,
                       "Problems/sr4-faces.yaml: solver.iterations: must be ≥ 1, got 0")
    }
}
