import Foundation
import XCTest

/// `train-prior` and `compare-priors` end to end on the bundled faces, at a toy size.
final class PriorCommandsTests: XCTestCase {
    private var directory: URL!
    private let repository = StrainerProcess.repository

    override func setUpWithError() throws {
        directory = try scratchFolder()
    }

    private let toyNetwork = ["--size", "16", "--width", "16", "--layers", "3"]

    /// `strainer train-prior` on the first 3 training faces with the toy network, checked to succeed.
    @discardableResult
    private func trainPrior(_ options: [String], out prior: String, file: StaticString = #filePath, line: UInt = #line)
        throws -> StrainerProcess.Result
    {
        let train = try StrainerProcess.run(["train-prior", "--dataset", "celeba-hq-178", "--images", "3", "--out", prior]
                                            + options + toyNetwork, workingDirectory: repository)
        XCTAssertEqual(train.status, 0, train.standardError, file: file, line: line)
        return train
    }

    /// `--channels gray` trains a one-output prior from RGB faces; `inspect --json` names its data with plain slashes.
    func testAGrayPriorFromRGBImagesAndPlainSlashesInJSON() throws {
        let prior = directory.appendingPathComponent("gray.safetensors").path
        try trainPrior(["--iterations", "2", "--channels", "gray"], out: prior)
        let inspect = try StrainerProcess.run(["inspect", prior, "--json"], workingDirectory: repository)
        XCTAssertEqual(inspect.status, 0, inspect.standardError)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(inspect.standardOutput.utf8)) as? [String: Any])
        XCTAssertEqual((object["dimensions"] as? [Int])?.last, 1, "one output: gray")
        XCTAssertTrue(inspect.standardOutput.contains("\"celeba-hq-178/train\""), inspect.standardOutput)

        let wrong = try StrainerProcess.run(["train-prior", "--dataset", "celeba-hq-178", "--images", "1", "--channels", "cmyk",
                                             "--out", prior], workingDirectory: repository)
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.standardError.contains("gray") && wrong.standardError.contains("rgb"), wrong.standardError)
    }

    func testTrainedPriorIsComparedAgainstRandomInAReport() throws {
        let prior = directory.appendingPathComponent("faces.safetensors").path
        let train = try trainPrior(["--iterations", "20", "--log-every", "10"], out: prior)
        XCTAssertTrue(train.standardOutput.contains("trained a strainer prior on 3 image(s) of celeba-hq-178/train at 16×16: 20 steps"),
                      train.standardOutput)
        XCTAssertTrue(FileManager.default.fileExists(atPath: prior))

        let results = directory.appendingPathComponent("Results")
        let compare = try StrainerProcess.run(["compare-priors", "--dataset", "celeba-hq-178", "--images", "2", "--iterations", "60",
                                               "--evaluate-every", "10", "--prior", "random", "--prior", prior,
                                               "--out", results.path] + toyNetwork, workingDirectory: repository)
        XCTAssertEqual(compare.status, 0, compare.standardError)
        let lines = compare.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "| method | 0 | 50 | best PSNR ± sd / SSIM | iterations to reach random | seconds | speed-up |")
        XCTAssertTrue(lines[2].hasPrefix("| random | "), compare.standardOutput)
        XCTAssertTrue(lines[3].hasPrefix("| strainer | "), compare.standardOutput)
        let runs = try FileManager.default.contentsOfDirectory(atPath: results.path)
        XCTAssertEqual(runs.count, 1)
        let run = results.appendingPathComponent(runs[0])
        XCTAssertTrue(runs[0].contains("-fit-celeba-hq-178-val-"), runs[0])
        let csv = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 1 + 2 * 2 * 7, "header + 2 images × 2 priors × (0, 10, …, 60)")
        let config = try String(contentsOf: run.appendingPathComponent("config.yaml"), encoding: .utf8)
        XCTAssertTrue(config.contains("dataset: celeba-hq-178"), config)
        XCTAssertTrue(compare.standardOutput.hasSuffix("report.html\n"))
    }

    func testSingleImagePriorSaysWhichImagesItLearnedFrom() throws {
        let prior = directory.appendingPathComponent("one-face.safetensors").path
        let train = try trainPrior(["--kind", "strainer-1", "--iterations", "5"], out: prior)
        XCTAssertTrue(train.standardOutput.contains("trained a strainer-1 prior on 1 image(s) (the first of 3) of celeba-hq-178/train"),
                      train.standardOutput)
        let again = try trainPrior(["--kind", "strainer-1", "--iterations", "5", "--reuse"], out: prior)
        XCTAssertEqual(again.standardOutput,
                       "reusing \(prior): it is this strainer-1 prior (5 steps on the same 1 image(s) (the first of 3))\n")
    }

    func testADatasetMixingGrayAndRGBImagesIsFittedImageByImage() throws {
        // natural: astronaut is RGB, brick is gray; each gets a network with its own number of outputs.
        let results = directory.appendingPathComponent("Results")
        let compare = try StrainerProcess.run(["compare-priors", "--dataset", "natural", "--split", "all", "--images", "2",
                                               "--iterations", "10", "--evaluate-every", "5", "--prior", "random",
                                               "--out", results.path] + toyNetwork, workingDirectory: repository)
        XCTAssertEqual(compare.status, 0, compare.standardError)
        let run = results.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: results.path)[0])
        let csv = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains(",astronaut,random,prior,10,"), csv)
        XCTAssertTrue(csv.contains(",brick,random,prior,10,"), csv)
    }

    /// A `--prior` recipe is trained once into `<out>/priors/` (a second run reuses it; a run with another network
    /// keeps a file of its own), its fits equal those from the same prior trained by `train-prior` and given as a
    /// file, and config.yaml records its file's SHA-256.
    func testARecipeIsTrainedOnceAndFitsAsTheSamePriorTrainedByTrainPrior() throws {
        let recipe = "{kind: strainer, dataset: celeba-hq-178, images: 3, iterations: 20}"
        let fromRecipe = directory.appendingPathComponent("recipe")
        let compare = { (prior: String, out: URL, network: [String]) in
            try StrainerProcess.run(["compare-priors", "--dataset", "celeba-hq-178", "--images", "2", "--iterations", "30", "--evaluate-every", "10",
                                     "--prior", "random", "--prior", prior, "--out", out.path] + network, workingDirectory: self.repository)
        }
        let first = try compare(recipe, fromRecipe, toyNetwork)
        XCTAssertEqual(first.status, 0, first.standardError)
        let file = fromRecipe.appendingPathComponent("priors/strainer-celeba-hq-178-train-3img-16px-rgb-20steps-seed0-siren16x16-omega30.0-encoder2.safetensors")
        XCTAssertTrue(first.standardError.contains("trained strainer prior \(file.path)\n"), first.standardError)

        let byTrainPrior = directory.appendingPathComponent("faces.safetensors").path
        try trainPrior(["--iterations", "20"], out: byTrainPrior)
        let fromFile = directory.appendingPathComponent("file")
        let reference = try compare(byTrainPrior, fromFile, toyNetwork)
        XCTAssertEqual(reference.status, 0, reference.standardError)
        XCTAssertEqual(try RunFolders.metricsWithoutTimes(under: fromRecipe), try RunFolders.metricsWithoutTimes(under: fromFile))

        let config = try String(contentsOf: RunFolders.runs(under: fromRecipe)[0].appendingPathComponent("config.yaml"), encoding: .utf8)
        let digest = Process()
        digest.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        digest.arguments = [file.path]
        let pipe = Pipe()
        digest.standardOutput = pipe
        try digest.run()
        digest.waitUntilExit()
        let sha256 = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        XCTAssertTrue(config.contains("prior_sha256:\n- none\n- \(sha256)\n"), config)

        let again = try compare(recipe, fromRecipe, toyNetwork)
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertTrue(again.standardError.contains("reusing strainer prior \(file.path)\n"), again.standardError)
        XCTAssertFalse(again.standardError.contains("training a strainer prior"), again.standardError)

        let narrower = try compare(recipe, fromRecipe, ["--size", "16", "--width", "8", "--layers", "3"])
        XCTAssertEqual(narrower.status, 0, narrower.standardError)
        let priors = try FileManager.default.contentsOfDirectory(atPath: fromRecipe.appendingPathComponent("priors").path)
        XCTAssertEqual(priors.sorted(), [file.lastPathComponent, "strainer-celeba-hq-178-train-3img-16px-rgb-20steps-seed0-siren8x8-omega30.0-encoder2.safetensors"],
                       "the narrower network's prior has a file of its own")
    }

    /// A recipe that names no prior to train, misses a key or names an unknown dataset is refused on one line.
    func testBadRecipesAreOneLineErrors() throws {
        let cases = [
            ("{kind: random}", "error: --prior {kind: random}: a recipe here names a prior to train (kind strainer, strainer-1, fitted or meta); "
                + "expected 'random' or the prior file's path itself for the others"),
            ("{kind: strainer}", "error: --prior: missing key 'dataset' (a strainer prior is learned on a dataset's images)"),
            ("{kind: strainer, dataset: celeba-hq-178, iterations: -3}", "error: --prior: iterations: must be ≥ 1, got -3"),
            ("{kind: strainer, dataset: celeba}", "error: --prior: dataset: unknown dataset 'celeba'; known datasets: celeba-hq-178, "),
            ("{kind: fitted, dataset: kodak24}", "error: --prior: split: dataset 'kodak24' has no split 'train'; its splits: all"),
            ("{kind: meta, dataset: celeba-hq-178, images: [nobody.png]}", "error: --prior: images: "),
        ]
        for (recipe, message) in cases {
            let refused = try StrainerProcess.run(["compare-priors", "--dataset", "celeba-hq-178", "--prior", recipe, "--iterations", "1",
                                                   "--out", directory.path] + toyNetwork, workingDirectory: repository)
            XCTAssertNotEqual(refused.status, 0, recipe)
            XCTAssertTrue(refused.standardError.contains(message), "\(recipe): \(refused.standardError)")
            XCTAssertEqual(refused.standardError.split(separator: "\n").count, 1, refused.standardError)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [], "nothing written")
    }

    func testBadPriorArgumentsAreClearErrors() throws {
        let kind = try StrainerProcess.run(["train-prior", "--dataset", "celeba-hq-178", "--kind", "maml", "--out", "x"],
                                           workingDirectory: repository)
        XCTAssertNotEqual(kind.status, 0)
        XCTAssertTrue(kind.standardError.contains("--kind is 'maml'; expected strainer, strainer-1, fitted, meta"), kind.standardError)

        let notAPrior = directory.appendingPathComponent("notes.safetensors")
        try Data("not a safetensors file".utf8).write(to: notAPrior)
        let compare = try StrainerProcess.run(["compare-priors", "--dataset", "celeba-hq-178", "--prior", notAPrior.path,
                                               "--iterations", "1"] + toyNetwork, workingDirectory: repository)
        XCTAssertNotEqual(compare.status, 0)
        XCTAssertTrue(compare.standardError.hasPrefix("error: "), compare.standardError)
        XCTAssertTrue(compare.standardError.contains(notAPrior.path), compare.standardError)
        XCTAssertEqual(compare.standardError.split(separator: "\n").count, 1, compare.standardError)
    }

    func testPriorsOfOneKindKeepTheirOwnRows() throws {
        let first = directory.appendingPathComponent("faces-a.safetensors").path
        let second = directory.appendingPathComponent("faces-b.safetensors").path
        _ = try trainPrior(["--iterations", "3"], out: first)
        _ = try trainPrior(["--iterations", "3", "--seed", "1"], out: second)
        let compare = try StrainerProcess.run(["compare-priors", "--dataset", "celeba-hq-178", "--images", "1", "--iterations", "5",
                                               "--prior", "random", "--prior", first, "--prior", second,
                                               "--out", directory.appendingPathComponent("Results").path] + toyNetwork,
                                              workingDirectory: repository)
        XCTAssertEqual(compare.status, 0, compare.standardError)
        let rows = compare.standardOutput.split(separator: "\n").filter { $0.hasPrefix("| ") }.map { $0.split(separator: "|")[0] }
        XCTAssertEqual(rows.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) },
                       ["random", "strainer faces-a", "strainer faces-b"], compare.standardOutput)

        let twice = try StrainerProcess.run(["compare-priors", "--dataset", "celeba-hq-178", "--prior", first, "--prior", first,
                                             "--iterations", "1"] + toyNetwork, workingDirectory: repository)
        XCTAssertNotEqual(twice.status, 0)
        XCTAssertTrue(twice.standardError.contains("--prior \(first) is given twice (as 'strainer faces-a'); expected each prior once"),
                      twice.standardError)
    }

    func testTransferOptionsReachTheFitsAndTheRecord() throws {
        let prior = directory.appendingPathComponent("faces.safetensors").path
        _ = try trainPrior(["--iterations", "3"], out: prior)  // 3 layers: a 2-layer encoder
        let results = directory.appendingPathComponent("Results")
        func comparePriors(_ options: [String]) throws -> StrainerProcess.Result {
            try StrainerProcess.run(["compare-priors", "--dataset", "celeba-hq-178", "--images", "1", "--iterations", "2",
                                     "--prior", prior, "--out", results.path] + options + toyNetwork, workingDirectory: repository)
        }
        let partial = try comparePriors(["--transfer-layers", "1", "--freeze-layers", "1"])
        XCTAssertEqual(partial.status, 0, partial.standardError)
        let run = results.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: results.path)[0])
        let config = try String(contentsOf: run.appendingPathComponent("config.yaml"), encoding: .utf8)
        XCTAssertTrue(config.contains("transfer: first 1 encoder layer(s), first 1 layer(s) frozen"), config)
        let report = try String(contentsOf: run.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("; transfer: first 1 encoder layer(s), first 1 layer(s) frozen"), report)

        let scheduled = try comparePriors(["--schedule", "{name: step, every: 1, factor: 0.5}"])
        XCTAssertEqual(scheduled.status, 0, scheduled.standardError)
        let configs = try FileManager.default.contentsOfDirectory(atPath: results.path).filter { !$0.hasPrefix(".") }
            .map { try String(contentsOf: results.appendingPathComponent($0).appendingPathComponent("config.yaml"), encoding: .utf8) }
        XCTAssertEqual(configs.filter { $0.contains("schedule: step, factor 0.5 every 1 steps") }.count, 1, configs.joined())
        let badSchedule = try comparePriors(["--schedule", "linear"])
        XCTAssertNotEqual(badSchedule.status, 0)
        XCTAssertTrue(badSchedule.standardError.contains("--schedule: is 'linear'; expected one of constant, cosine, step"),
                      badSchedule.standardError)

        let tooDeep = try comparePriors(["--transfer-layers", "3"])
        XCTAssertNotEqual(tooDeep.status, 0)
        XCTAssertTrue(tooDeep.standardError.contains("transferred layers: is 3; the prior's encoder has 2 layer(s), so expected 1…2"),
                      tooDeep.standardError)
        let frozenBeyond = try comparePriors(["--transfer-layers", "1", "--freeze-layers", "2"])
        XCTAssertNotEqual(frozenBeyond.status, 0)
        XCTAssertTrue(frozenBeyond.standardError.contains("--freeze-layers 2 exceeds --transfer-layers 1"), frozenBeyond.standardError)
        let both = try StrainerProcess.run(["fit", "Datasets/natural/camera.png", "--prior", prior, "--freeze-encoder",
                                            "--freeze-layers", "1", "--iterations", "1"] + toyNetwork, workingDirectory: repository)
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.standardError.contains("give either --freeze-encoder (every transferred layer) or --freeze-layers K, not both"),
                      both.standardError)
    }
}
