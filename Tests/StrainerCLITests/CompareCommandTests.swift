import Foundation
import XCTest
import Imaging
import INR
import Problems
import Reporting

/// `strainer compare` and `strainer solve`, run as a user would from the repository, at tiny sizes.
final class CompareCommandTests: XCTestCase {
    private let repository = StrainerProcess.repository

    /// A problem file `id`: denoising a 16² Shepp–Logan phantom with a 3-layer SIREN for 2 steps from `prior` (one
    /// entry of `priors:`), beside the adjoint.
    private func tinyPhantomDenoising(id: String, prior: String) -> String {
        """
        id: \(id)
        title: Denoising a phantom from one prior
        phantom: shepp-logan
        size: 16
        channels: 1
        operator: {name: identity}
        noise: {name: gaussian, sigma: 0.1}
        network: {family: siren, width: 16, layers: 3}
        solver: {iterations: 2, evaluate_every: 1}
        priors:
          - \(prior)
        baselines:
          - {name: adjoint}
        """
    }

    /// The one run folder under `out` (the trained priors live beside it in `priors/`).
    private func runFolders(under out: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: out, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent != "priors" }.sorted { $0.path < $1.path }
    }

    /// Denoising with a random SIREN and the problem's baselines (adjoint, TV): the table, the run folder, its config.
    func testCompareWritesTheTableAndTheRunFolder() throws {
        let out = try scratchFolder()
        let result = try StrainerProcess.run(
            ["compare", "denoise-faces-s01", "--images", "2", "--size", "16", "--iterations", "20", "--evaluate-every", "10",
             "--discrepancy-target", "1e-3",  // out of reach: no extra evaluation at a discrepancy stop
             "--prior", "random", "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| random | ") }, result.standardOutput)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| tv (baseline) | ") }, result.standardOutput)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| adjoint (baseline) | ") }, result.standardOutput)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| bm3d (baseline) | ") }, result.standardOutput)
        let folder = try XCTUnwrap(runFolders(under: out).first)
        XCTAssertTrue(folder.lastPathComponent.contains("-denoise-faces-s01-"), folder.path)
        for file in ["config.yaml", "metrics.csv", "summary.json", "report.md", "report.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), file)
        }
        let config = try String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8)
        XCTAssertTrue(config.contains("problem: denoise-faces-s01"), config)
        XCTAssertTrue(config.contains("noise_seed:"), config)
        XCTAssertTrue(config.contains("--iterations 20"), config)
        XCTAssertTrue(config.contains("\n  learning_rate: 1e-4\n"), "the setting as written, not widened from Float: \(config)")
        // The machine: the CPU model as /proc/cpuinfo names it (read here), OpenBLAS's build line naming the kernels
        // the report's facts name, FFTW's build.
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let model = try XCTUnwrap(cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last)
        XCTAssertTrue(config.contains("\nplatform:\n  blas: OpenBLAS 0.") && config.contains("\n  fft: fftw-3."), config)
        XCTAssertTrue(config.contains("\n  cpu: \(model.trimmingCharacters(in: .whitespaces)) (family "), config)
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        let kernels = try XCTUnwrap(report.split(separator: "\n").first { $0.hasPrefix("- machine: ") }?
            .split(separator: " ").dropLast().last, report)
        XCTAssertTrue(report.contains("thread(s), OpenBLAS \(kernels) kernels"), report)
        XCTAssertTrue(config.contains(" \(kernels) MAX_THREADS="), "the kernels the build line names: \(config)")
        XCTAssertTrue(config.contains("\n  blas_kernels: \(kernels)\n"), config)
        // Two images × (random: evaluations at 0, 10, 20; adjoint, tv and bm3d: one point each), after the header.
        let metrics = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
        XCTAssertEqual(metrics.split(separator: "\n").count, 1 + 2 * (3 + 3), metrics)
        XCTAssertTrue(result.standardOutput.contains("report: \(folder.path)/report.html"), result.standardOutput)
    }

    /// `--stop discrepancy`: each fit ends at the first iterate whose residual reaches the noise level (a 16² SIREN
    /// gets there within a few dozen steps); the table, the config, the curve and the gallery say so.
    func testStopAtTheDiscrepancyEndsTheFitEarly() throws {
        let out = try scratchFolder()
        let result = try StrainerProcess.run(
            ["compare", "denoise-faces-s01", "--images", "1", "--size", "16", "--iterations", "300", "--evaluate-every", "100",
             "--prior", "random", "--stop", "discrepancy", "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let folder = try XCTUnwrap(runFolders(under: out).first)
        let metrics = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let iterations = metrics.split(separator: "\n").filter { $0.contains(",random,prior,") }
            .map { Int($0.split(separator: ",")[4])! }
        XCTAssertEqual(iterations.count, 2, "evaluated at 0 and at the stop: \(metrics)")
        let stop = try XCTUnwrap(iterations.last)
        XCTAssertTrue((1..<100).contains(stop), "stopped at \(stop)")
        XCTAssertTrue(result.standardOutput.contains("| discrepancy stop | PSNR at stop |"), result.standardOutput)
        XCTAssertTrue(result.standardError.contains("discrepancy ≤ 1.0 at step \(stop)"), result.standardError)
        let config = try String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8)
        XCTAssertTrue(config.contains("stop: discrepancy"), config)
        let summary = try String(contentsOf: folder.appendingPathComponent("summary.json"), encoding: .utf8)
        XCTAssertTrue(summary.contains("random (stopped at step \(stop))"), summary)

        let noiseless = try StrainerProcess.run(["compare", "sr4-faces", "--images", "1", "--size", "16", "--prior", "random",
                                                 "--stop", "discrepancy", "--out", out.path], workingDirectory: repository)
        XCTAssertNotEqual(noiseless.status, 0)
        XCTAssertTrue(noiseless.standardError.contains("sr4-faces.yaml: solver.stop: is 'discrepancy'"), noiseless.standardError)
    }

    /// A learned prior the problem names is trained on the first run and reused on the second.
    func testALearnedPriorIsTrainedOnceAndThenReused() throws {
        let out = try scratchFolder()
        let arguments = ["compare", "sr4-faces", "--images", "1", "--size", "16", "--iterations", "10", "--evaluate-every", "5",
                         "--prior-iterations", "5", "--out", out.path]
        let first = try StrainerProcess.run(arguments, workingDirectory: repository)
        XCTAssertEqual(first.status, 0, first.standardError)
        XCTAssertTrue(first.standardError.contains("trained strainer prior"), first.standardError)
        XCTAssertTrue(first.standardOutput.contains("| strainer | "), first.standardOutput)
        XCTAssertTrue(first.standardOutput.contains("| bicubic (baseline) | "), first.standardOutput)
        let second = try StrainerProcess.run(arguments, workingDirectory: repository)
        XCTAssertEqual(second.status, 0, second.standardError)
        XCTAssertTrue(second.standardError.contains("reusing strainer prior"), second.standardError)
        XCTAssertEqual(try runFolders(under: out).count, 2)
    }

    /// `--prior NAME` picks one of the problem's own priors by its name: of ct-faces-60's five, only the STRAINER prior
    /// is trained; the table has its row and random's, and the verdict after it sets one against the other.
    func testAPriorNamedOnTheCommandLineIsTheOnlyOneTrained() throws {
        let out = try scratchFolder()
        let result = try StrainerProcess.run(
            ["compare", "ct-faces-60", "--prior", "random", "--prior", "strainer", "--images", "1", "--size", "12", "--iterations", "4",
             "--evaluate-every", "2", "--prior-iterations", "2", "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let trained = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("priors").path)
        XCTAssertEqual(trained, ["strainer-celeba-hq-178-train-10img-12px-gray-2steps-seed0.safetensors"])
        XCTAssertTrue(result.standardOutput.contains("| random | ") && result.standardOutput.contains("| strainer | "), result.standardOutput)
        XCTAssertFalse(result.standardOutput.contains("| meta | "), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("best PSNR") && result.standardOutput.contains("The best classical baseline, "),
                      result.standardOutput)

        let unknown = try StrainerProcess.run(["compare", "ct-faces-60", "--prior", "strainer-2", "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.standardError.contains("--prior strainer-2: no such file, and ct-faces-60 has no prior of that name; expected "
                                                     + "'random', a prior file, or one of random, strainer, strainer-1, fitted, meta"), unknown.standardError)
    }

    /// The gallery shows a noisy measurement clipped to [0, 1], says so, and keeps y exactly beside it: `metrics` on the
    /// shown PNG gives the table's PSNR of the clipped adjoint (y itself, for the identity), and the float32 TIFF holds
    /// the noise beyond [0, 1]; each reconstruction has its PSNR/SSIM under it.
    func testTheMeasurementIsKeptExactlyAndEveryReconstructionScored() throws {
        let out = try scratchFolder()
        let run = try StrainerProcess.run(["compare", "denoise-faces-s01", "--prior", "random", "--size", "16", "--images", "1",
                                           "--iterations", "4", "--evaluate-every", "2", "--error-maps", "--out", out.path],
                                          workingDirectory: repository)
        XCTAssertEqual(run.status, 0, run.standardError)
        let folder = try XCTUnwrap(try runFolders(under: out).first)
        let images = folder.appendingPathComponent("images")
        let truth = try ImageFile.read(images.appendingPathComponent("female_058881_ref-ground_truth.png"))
        let shown = try ImageFile.read(images.appendingPathComponent("female_058881_ref-measurement.png"))
        let exact = try ImageFile.read(images.appendingPathComponent("female_058881_ref-measurement.tif"))
        XCTAssertTrue(exact.pixels.contains { $0 < 0 || $0 > 1 }, "σ = 0.1 noise leaves [0, 1] somewhere")
        // The TIFF is y bit for bit: the library's own set-up of the same problem, image and noise seed.
        let catalog = DatasetCatalog(root: repository.appendingPathComponent("Datasets"))
        var overrides = ProblemOverrides()
        overrides.size = 16
        overrides.images = 1
        let problem = try BuiltProblem(file: repository.appendingPathComponent("Problems/denoise-faces-s01.yaml"), catalog: catalog,
                                       overrides: overrides)
        XCTAssertEqual(exact.pixels, try ProblemSetup(problem, catalog: catalog).instances[0].measurement)
        let largestGap = zip(shown.pixels, exact.pixels).map { abs($0 - min(max($1, 0), 1)) }.max() ?? .infinity
        XCTAssertLessThanOrEqual(largestGap, 0.5 / 255 + 1e-6, "the PNG is y clipped, to 8-bit rounding")
        let adjointRow = try XCTUnwrap(run.standardOutput.split(separator: "\n").first { $0.hasPrefix("| adjoint (baseline)") })
        let tablePSNR = try XCTUnwrap(Double(adjointRow.split(separator: "|")[2].split(separator: "/")[0].trimmingCharacters(in: .whitespaces)))
        XCTAssertEqual(try ImageMetrics.psnr(truth, shown), tablePSNR, accuracy: 0.05, "8-bit rounding apart, the picture is what the table scored")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("measurement<br><span class=\"detail\">clipped to [0, 1] (exact: .tif)</span>"))
        XCTAssertTrue(html.contains("random (best, step "), html.suffix(500).description)
        XCTAssertEqual(html.components(separatedBy: " dB · SSIM 0.").count - 1, 4, "adjoint, tv, bm3d and random are scored")
        XCTAssertEqual(html.components(separatedBy: " error<br><span class=\"detail\">|x − x̂| × 4</span>").count - 1, 4,
                       "--error-maps: a map after each reconstruction")
        let map = try ImageFile.read(images.appendingPathComponent("female_058881_ref-tv_error.png"))
        let tv = try ImageFile.read(images.appendingPathComponent("female_058881_ref-tv.png"))
        let expected = try XCTUnwrap(ErrorMap.of(tv, against: truth))
        XCTAssertLessThanOrEqual(zip(map.pixels, expected.pixels).map { abs($0 - $1) }.max() ?? 1, 4.5 / 255, "8-bit pictures apart")
    }

    /// `solve` on the phantom CT problem writes the best reconstruction, which is closer to the phantom than zero.
    func testSolveSavesTheBestReconstruction() throws {
        let out = try scratchFolder()
        let saved = out.appendingPathComponent("recon.png")
        let result = try StrainerProcess.run(
            ["solve", "ct-shepp-logan-30", "--size", "24", "--iterations", "30", "--evaluate-every", "10", "--prior", "random",
             "--out", out.path, "--save", saved.path], workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let image = try ImageFile.read(saved)
        XCTAssertEqual([image.height, image.width, image.channels], [24, 24, 1])
        XCTAssertTrue(result.standardOutput.contains("| random | "), result.standardOutput)
        XCTAssertFalse(result.standardOutput.contains("(baseline)"), "solve runs no baselines:\n\(result.standardOutput)")
    }

    /// `solve` prepares only the prior it fits from: the problem's first (random) here, so its STRAINER prior is
    /// neither trained nor announced; `compare` announces a training before it starts.
    func testSolvePreparesOnlyThePriorItUses() throws {
        let out = try scratchFolder()
        let solve = try StrainerProcess.run(
            ["solve", "denoise-faces-s01", "--size", "16", "--iterations", "2", "--prior-iterations", "2", "--out", out.path],
            workingDirectory: repository)
        XCTAssertEqual(solve.status, 0, solve.standardError)
        XCTAssertFalse(solve.standardError.contains("training a strainer prior"), solve.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("priors").path))
        let compare = try StrainerProcess.run(
            ["compare", "denoise-faces-s01", "--size", "16", "--images", "1", "--iterations", "2", "--prior-iterations", "2",
             "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(compare.status, 0, compare.standardError)
        XCTAssertTrue(compare.standardError.contains("training a strainer prior first: 2 steps on 10 image(s) of celeba-hq-178/train (256 pixels each), roughly "),
                      compare.standardError)
        XCTAssertTrue(compare.standardError.contains("To skip it, fit from --prior random"), compare.standardError)
    }

    func testBadRequestsAreClearErrors() throws {
        let out = try scratchFolder()
        let unknown = try StrainerProcess.run(["compare", "denoise-face-s01", "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.standardError.hasPrefix("error: denoise-face-s01: no such problem; did you mean"), unknown.standardError)

        let missingPrior = try StrainerProcess.run(
            ["compare", "denoise-faces-s01", "--prior", "nowhere.safetensors", "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(missingPrior.status, 1)
        XCTAssertTrue(missingPrior.standardError.contains("--prior nowhere.safetensors: no such file"), missingPrior.standardError)

        let badBaseline = """
            id: my-denoise
            title: Denoising with a misspelt baseline
            phantom: shepp-logan
            size: 16
            channels: 1
            operator: {name: identity}
            noise: {name: gaussian, sigma: 0.1}
            baselines:
              - {name: tvv}
            """
        try badBaseline.write(to: out.appendingPathComponent("my-denoise.yaml"), atomically: true, encoding: .utf8)
        let bad = try StrainerProcess.run(["compare", "my-denoise", "--problems", out.path, "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.standardError.contains("my-denoise.yaml: baselines[0]:"), bad.standardError)
        XCTAssertTrue(bad.standardError.contains("tvv"), bad.standardError)

        let both = try StrainerProcess.run(["compare", "denoise-faces-s01", "--image", "x.png", "--images", "2"], workingDirectory: repository)
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.standardError.contains("either --image or --images"), both.standardError)
    }

    /// A problem file's `transfer_layers`/`freeze_layers` reach a STRAINER prior's fits and the record; on a whole
    /// fitted network they are an error naming the file.
    func testProblemFileTransferSettings() throws {
        let out = try scratchFolder()
        let toy = ["--size", "16", "--width", "16", "--layers", "3", "--iterations", "2", "--images", "1", "--dataset", "celeba-hq-178"]
        for kind in ["strainer", "fitted"] {
            let train = try StrainerProcess.run(["train-prior", "--kind", kind, "--out", out.appendingPathComponent("\(kind).safetensors").path] + toy,
                                                workingDirectory: repository)
            XCTAssertEqual(train.status, 0, train.standardError)
        }
        func problem(_ prior: String) -> String { tinyPhantomDenoising(id: "my-transfer", prior: prior) }
        let arguments = ["compare", "my-transfer", "--problems", out.path, "--out", out.appendingPathComponent("Results").path]
        try problem("{file: strainer.safetensors, transfer_layers: 1, freeze_layers: 1}")
            .write(to: out.appendingPathComponent("my-transfer.yaml"), atomically: true, encoding: .utf8)
        let partial = try StrainerProcess.run(arguments, workingDirectory: repository)
        XCTAssertEqual(partial.status, 0, partial.standardError)
        let results = out.appendingPathComponent("Results")
        let run = results.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: results.path)[0])
        let config = try String(contentsOf: run.appendingPathComponent("config.yaml"), encoding: .utf8)
        XCTAssertTrue(config.contains("transfer: first 1 encoder layer(s), first 1 layer(s) frozen"), config)

        try problem("{file: fitted.safetensors, transfer_layers: 1}")
            .write(to: out.appendingPathComponent("my-transfer.yaml"), atomically: true, encoding: .utf8)
        let fitted = try StrainerProcess.run(arguments, workingDirectory: repository)
        XCTAssertEqual(fitted.status, 1)
        XCTAssertTrue(fitted.standardError.contains(
            "my-transfer.yaml: priors: fitted: transfer_layers and freeze_layers apply to STRAINER priors; fitted.safetensors is a whole fitted network"),
            fitted.standardError)
    }

    /// A problem file — downloaded, shared — may not point the suite at a file outside its own folder and the results
    /// folder: an absolute path or one climbing out with `..` is refused, naming the key, and the file's bytes are
    /// never read or echoed.
    func testAProblemsPriorFileMustLieInsideItsFolderOrTheResults() throws {
        let out = try scratchFolder()
        let problems = out.appendingPathComponent("problems")
        try FileManager.default.createDirectory(at: problems, withIntermediateDirectories: true)
        for path in ["/etc/passwd", "../outside.safetensors"] {
            try tinyPhantomDenoising(id: "my-escape", prior: "{file: \(path)}")
                .write(to: problems.appendingPathComponent("my-escape.yaml"), atomically: true, encoding: .utf8)
            let result = try StrainerProcess.run(["compare", "my-escape", "--problems", problems.path, "--out", out.appendingPathComponent("Results").path],
                                                 workingDirectory: repository)
            XCTAssertEqual(result.status, 1, result.standardError)
            XCTAssertTrue(result.standardError.contains("my-escape.yaml: priors[0].file: '\(path)' lies outside the problem's folder and the results folder"),
                          result.standardError)
            XCTAssertFalse(result.standardError.contains("3475222254926655346") || result.standardError.contains("root:"), result.standardError)
        }
    }

    /// Plug-and-play's iterations are a curve like a solver's: `deblur-gaussian-faces` at 16² (pnp, 16 iterations by
    /// default) writes one metrics.csv row per iterate, iterations 0 … 16 with PSNR and SSIM, and the table's pnp cell
    /// is the last one, its result (a one-point baseline, cg, keeps its single row).
    func testPlugAndPlayIteratesAreItsCurve() throws {
        let out = try scratchFolder()
        let result = try StrainerProcess.run(
            ["compare", "deblur-gaussian-faces", "--images", "1", "--size", "16", "--iterations", "1", "--prior", "random",
             "--out", out.path], workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let folder = try XCTUnwrap(runFolders(under: out).first)
        let rows = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let pnp = rows.filter { $0[2] == "pnp" }
        XCTAssertEqual(pnp.map { $0[3] }, Array(repeating: "baseline", count: 17))
        XCTAssertEqual(pnp.map { Int($0[4]) }, Array(0...16))
        XCTAssertTrue(pnp.allSatisfy { Double($0[5])?.isFinite == true && Double($0[6]) != nil }, "\(pnp)")
        XCTAssertEqual(pnp.compactMap { Double($0[8]) }, pnp.compactMap { Double($0[8]) }.sorted(), "seconds accumulate")
        XCTAssertEqual(rows.filter { $0[2] == "cg" }.count, 1)
        let last = try XCTUnwrap(pnp.last)
        let cell = String(format: "%.2f / %.3f", try XCTUnwrap(Double(last[5])), try XCTUnwrap(Double(last[6])))
        let line = try XCTUnwrap(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("| pnp (baseline) | ") })
        XCTAssertTrue(line.contains("| \(cell) |"), "\(line) against \(cell)")
        XCTAssertTrue(result.standardError.contains(String(format: "pnp (baseline): PSNR %.2f dB", try XCTUnwrap(Double(last[5])))),
                      result.standardError)
    }

    /// A problem's meta prior is trained with the entry's meta-learning settings, recorded in the prior file, whose
    /// name carries them (so entries with other settings never share a file).
    func testAProblemsMetaPriorUsesItsSettings() throws {
        let out = try scratchFolder()
        try tinyPhantomDenoising(
            id: "my-meta",
            prior: "{kind: meta, dataset: celeba-hq-178, images: 2, iterations: 2, algorithm: reptile, outer_lr: 1.0e-4, label: reptile}"
        ).write(to: out.appendingPathComponent("my-meta.yaml"), atomically: true, encoding: .utf8)
        let results = out.appendingPathComponent("Results")
        let run = try StrainerProcess.run(["compare", "my-meta", "--problems", out.path, "--out", results.path], workingDirectory: repository)
        XCTAssertEqual(run.status, 0, run.standardError)
        let priors = try FileManager.default.contentsOfDirectory(atPath: results.appendingPathComponent("priors").path)
        XCTAssertEqual(priors, ["meta-celeba-hq-178-train-2img-16px-gray-2steps-seed0-reptile-inner2x0.01-outer0.0001-tasks3-siren16x16-omega30.0-encoder2.safetensors"])
        let metadata = try SafeTensors.read(results.appendingPathComponent("priors").appendingPathComponent(priors[0])).metadata
        XCTAssertEqual(metadata["setting.algorithm"], "reptile")
        XCTAssertEqual(metadata["setting.outer_lr"], "0.0001")
    }

    /// The solver's reconstruction (float TIFF) is the same file on 1 and 3 threads (48² faces: two shards).
    /// `--jobs`: fits run several at once (each with an operator of its own: the blur's FFT buffers are not shared)
    /// give the bits of fits run one after another; only the wall-clock column differs.
    func testFitsRunSeveralAtOnceGiveTheSameBits() throws {
        let out = try scratchFolder()
        func metrics(jobs: String) throws -> [String] {
            let folder = out.appendingPathComponent("jobs-\(jobs)")
            let result = try StrainerProcess.run(
                ["compare", "deblur-gaussian-faces", "--images", "2", "--size", "24", "--iterations", "12", "--evaluate-every", "4",
                 "--prior-iterations", "3", "--jobs", jobs, "--out", folder.path],
                workingDirectory: repository, environment: ["STRAINER_THREADS": "3"])
            XCTAssertEqual(result.status, 0, result.standardError)
            let run = try XCTUnwrap(runFolders(under: folder).first)
            let report = try String(contentsOf: run.appendingPathComponent("report.md"), encoding: .utf8)
            let threads = jobs == "1" ? ", 3 thread(s), " : ", 1 thread(s) per fit (--jobs 3), "  // STRAINER_THREADS=3 shared out
            XCTAssertTrue(report.contains(threads), report)
            return try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8).split(separator: "\n").map { line in
                var cells = line.split(separator: ",", omittingEmptySubsequences: false)
                cells.remove(at: 8)  // seconds
                return cells.joined(separator: ",")
            }
        }
        let oneAtATime = try metrics(jobs: "1")
        XCTAssertEqual(oneAtATime.filter { $0.contains(",prior,") }.count, 2 * 2 * 4, "2 images × 2 priors × 4 evaluations")
        XCTAssertEqual(try metrics(jobs: "3"), oneAtATime)

        // A fit that fails stops the others and is reported; nothing half-written is left.
        let blowup = """
            id: blowup
            title: Denoising with a learning rate that diverges
            dataset: celeba-hq-178
            split: val
            images: 2
            size: 16
            channels: 3
            operator: {name: identity}
            noise: {name: gaussian, sigma: 0.1}
            network: {family: siren, width: 16, layers: 3}
            solver: {iterations: 200, lr: 1.0e+30, evaluate_every: 50}
            priors:
              - {kind: random, seed: 0}
            """
        try blowup.write(to: out.appendingPathComponent("blowup.yaml"), atomically: true, encoding: .utf8)
        let failed = try StrainerProcess.run(["compare", "blowup", "--problems", out.path, "--jobs", "2",
                                              "--out", out.appendingPathComponent("blowup").path], workingDirectory: repository)
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.standardError.contains("error: the loss became NaN at iteration"), failed.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("blowup").path))

        let none = try StrainerProcess.run(["compare", "denoise-faces-s01", "--jobs", "0"], workingDirectory: repository)
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.standardError.contains("--jobs is 0; expected ≥ 1"), none.standardError)
    }

    func testSolveIsTheSameOnAnyNumberOfThreads() throws {
        let out = try scratchFolder()
        func solved(threads: String) throws -> Data {
            let saved = out.appendingPathComponent("x-\(threads).tif")
            let result = try StrainerProcess.run(
                ["solve", "denoise-faces-s01", "--size", "48", "--iterations", "3", "--evaluate-every", "1", "--prior", "random",
                 "--out", out.path, "--save", saved.path], workingDirectory: repository, environment: ["STRAINER_THREADS": threads])
            XCTAssertEqual(result.status, 0, result.standardError)
            return try Data(contentsOf: saved)
        }
        XCTAssertEqual(try solved(threads: "1"), try solved(threads: "3"))
    }
}
