import Foundation
import Imaging
import INR
import XCTest

/// `strainer inspect`: a prior's kind, network and provenance, a network checkpoint's architecture, a training
/// checkpoint's step — checked against what made the files.
final class InspectCommandTests: XCTestCase {
    private var directory: URL!
    private let repository = StrainerProcess.repository

    override func setUpWithError() throws {
        directory = try scratchFolder()
    }

    private func inspect(_ file: URL, json: Bool = true) throws -> (StrainerProcess.Result, [String: Any]) {
        let result = try StrainerProcess.run(["inspect", file.path] + (json ? ["--json"] : []), workingDirectory: repository)
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = json ? try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any] : nil
        return (result, object ?? [:])
    }

    func testAPriorShowsItsNetworkAndProvenance() throws {
        let prior = directory.appendingPathComponent("faces.safetensors")
        let train = try StrainerProcess.run(["train-prior", "--dataset", "celeba-hq-178", "--images", "3", "--iterations", "3",
                                             "--size", "16", "--width", "16", "--layers", "3", "--seed", "5", "--out", prior.path],
                                            workingDirectory: repository)
        XCTAssertEqual(train.status, 0, train.standardError)
        let (_, fields) = try inspect(prior)
        XCTAssertEqual(fields["type"] as? String, "prior")
        XCTAssertEqual(fields["kind"] as? String, "strainer")
        XCTAssertEqual(fields["dimensions"] as? [Int], [2, 16, 16, 3])
        XCTAssertEqual(fields["encoder_layers"] as? Int, 2)
        XCTAssertEqual(fields["decoders"] as? Int, 3)
        XCTAssertEqual(fields["steps"] as? Int, 3)
        XCTAssertTrue((fields["trained_at"] as? String)?.hasPrefix("16x16x3 (height×width×channels); it applies to any grid") == true, "\(fields)")
        XCTAssertTrue(train.standardError.contains("training a strainer prior first: 3 steps on 3 image(s) of celeba-hq-178/train"), train.standardError)
        XCTAssertEqual(fields["seed"] as? Int, 5)
        XCTAssertEqual(fields["dataset"] as? String, "celeba-hq-178/train")
        XCTAssertEqual((fields["training_psnr"] as? [Double])?.count, 3)
        // The machine it was trained on: the CPU model as /proc/cpuinfo names it (read here) with its family and
        // model numbers, and the OpenBLAS kernel family its build line names.
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let model = try XCTUnwrap(cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last)
        let machine = try XCTUnwrap(fields["trained_on"] as? [String: String], "\(fields)")
        XCTAssertTrue(machine["cpu"]?.hasPrefix(model.trimmingCharacters(in: .whitespaces) + " (family ") == true, "\(machine)")
        XCTAssertEqual(machine["blas_kernels"], machine["blas"]?.split(separator: " ").dropLast().last.map(String.init))
        XCTAssertTrue(machine["blas"]?.hasPrefix("OpenBLAS ") == true && machine["fft"]?.hasPrefix("fftw-3") == true, "\(machine)")
        // The first three training faces, and the SHA-256 of their files computed here.
        let split = repository.appendingPathComponent("Datasets/celeba-hq-178/train")
        let files = try FileManager.default.contentsOfDirectory(atPath: split.path).sorted().prefix(3)
        XCTAssertEqual(fields["training_images"] as? [String], files.map { String($0.dropLast(4)) })
        XCTAssertEqual(fields["training_sha256"] as? [String],
                       try files.map { try SHA256.hexDigest(ofFileAt: split.appendingPathComponent($0)) })
        // 2·16+16 + 16·16+16 shared, 3 decoders of 16·3+3.
        XCTAssertEqual(fields["stored_floats"] as? Int, (2 * 16 + 16) + (16 * 16 + 16) + 3 * (16 * 3 + 3))

        // The encoder's layers (the ones a fit inherits), each weight as the prior file stores it.
        let layers = try XCTUnwrap(fields["layers"] as? [[String: Any]])
        XCTAssertEqual(layers.map { $0["inputs"] as? Int }, [2, 16])
        let stored = try SafeTensors.read(prior).tensors["encoder.ls.1.weight"]!
        let weight = try Matrix(rows: stored.shape[0], columns: stored.shape[1], values: stored.values)
        XCTAssertEqual(try XCTUnwrap(layers[1]["stable_rank"] as? Double), weight.stableRank, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(layers[1]["frobenius"] as? Double), weight.frobeniusNorm, accuracy: 1e-9)

        let (text, _) = try inspect(prior, json: false)
        let lines = text.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("kind              strainer"), text.standardOutput)
        XCTAssertTrue(lines.contains("dimensions        2 → 16 → 16 → 3"), text.standardOutput)
        XCTAssertTrue(lines.contains("training images   \(files[files.startIndex].dropLast(4))"), text.standardOutput)
        XCTAssertTrue(lines.contains("                  \(files[files.startIndex + 1].dropLast(4))"), "one image a line:\n\(text.standardOutput)")
    }

    func testNetworkAndTrainingCheckpoints() throws {
        let network = try Network(architecture: try .siren(outputs: 1, width: 8, layers: 3, omega: 20), seed: 1)
        let checkpoint = directory.appendingPathComponent("net.safetensors")
        try network.save(to: checkpoint)
        let (_, net) = try inspect(checkpoint)
        XCTAssertEqual(net["type"] as? String, "network checkpoint")
        XCTAssertEqual(net["dimensions"] as? [Int], [2, 8, 8, 1])
        XCTAssertEqual(net["omega_hidden"] as? Double, 20)
        XCTAssertEqual(net["stored_floats"] as? Int, network.parameters.count)
        XCTAssertEqual((net["layers"] as? [[String: Any]])?.map { $0["outputs"] as? Int }, [8, 8, 1], "every layer of a checkpoint")

        // A training checkpoint written by hand from its documented format.
        let values = SafeTensors.Tensor(shape: [4], values: [1, 2, 3, 4])
        let training = SafeTensors(
            metadata: ["format": "strainer-training-checkpoint-1", "identity": "abc123", "iteration": "42",
                       "elapsed_seconds": "75.5", "encoder.adam.t": "42"],
            tensors: ["encoder.parameters": values, "encoder.adam.m": values, "encoder.adam.v": values])
        let state = directory.appendingPathComponent("faces.safetensors.checkpoint")
        try training.write(to: state)
        let (text, _) = try inspect(state, json: false)
        XCTAssertTrue(text.standardOutput.contains("type              training checkpoint\nstep              42\ntraining seconds  75.5 (1m16s)\nparts             encoder\n"),
                      text.standardOutput)

        // An unfinished fit's state, written by hand from its documented format (`SolverState.write(to:)`).
        let fit = SafeTensors(
            metadata: ["format": "strainer-solver-state-1", "iteration": "3", "adam.t": "3", "last_loss": "0.25",
                       "step_seconds": "0.5,0.25,0.25", "evaluations": "0 11.5 - 1.5 0\n2 19.25 0.5 0.75 0.75",
                       "best_index": "1", "discrepancy_stop": "2"],
            tensors: ["parameters": values, "adam.m": values, "adam.v": values,
                      "best_image": .init(shape: [1, 2, 2], values: values.values)])
        let unfinished = directory.appendingPathComponent("a--random-0123abcd.unfinished.safetensors")
        try fit.write(to: unfinished)
        let (fitText, _) = try inspect(unfinished, json: false)
        XCTAssertTrue(fitText.standardOutput.hasPrefix("file              a--random-0123abcd.unfinished.safetensors\n"
                                                       + "type              unfinished fit (solver state)\nstep              3\n"
                                                       + "fit seconds       1.0 (1s)\nevaluations       2\nbest psnr         19.25\n"
                                                       + "best step         2\ndiscrepancy stop  2\n"), fitText.standardOutput)

        let notSafeTensors = directory.appendingPathComponent("notes.safetensors")
        try Data("hello".utf8).write(to: notSafeTensors)
        let bad = try StrainerProcess.run(["inspect", notSafeTensors.path], workingDirectory: repository)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.standardError.hasPrefix("error: "), bad.standardError)
        XCTAssertTrue(bad.standardError.contains("\(notSafeTensors.path): is truncated"), bad.standardError)
    }
}
