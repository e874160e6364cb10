import Foundation
import Imaging
import INR

/// Everything an ``INRSolver`` carries from one step to the next: after `iteration` steps, the network's parameters
/// θ, Adam's state (t = `iteration`, m, v) and the record of the run so far (evaluations, best iterate, step times,
/// discrepancy stop). Restored into a fresh solver of the same problem, network and options
/// (``INRSolver/restore(_:)``), it continues the same sequence of steps bit for bit: a step depends only on θ, m, v
/// and t, and the objective, the evaluations and the schedule are functions of those.
public struct SolverState: Equatable, Sendable {
    public var iteration: Int
    public var parameters: [Float]
    public var adam: AdamState
    /// Every evaluation so far, in iteration order.
    public var evaluations: [SolverEvaluation]
    /// The index in ``evaluations`` of the best iterate (highest PSNR), and that iterate's reconstruction.
    public var best: (index: Int, image: Image)?
    /// The wall time of every step so far, in order.
    public var stepSeconds: [Double]
    public var discrepancyStop: Int?
    /// The objective before the last step's update (NaN before the first step).
    public var lastLoss: Double

    public static func == (a: SolverState, b: SolverState) -> Bool {
        a.iteration == b.iteration && a.parameters == b.parameters && a.adam == b.adam && a.evaluations == b.evaluations
            && a.best?.index == b.best?.index && a.best?.image == b.best?.image && a.stepSeconds == b.stepSeconds
            && a.discrepancyStop == b.discrepancyStop && a.lastLoss.bitPattern == b.lastLoss.bitPattern
    }
}

extension SolverState {
    /// The `format` metadata value that marks a solver state file.
    public static let format = "strainer-solver-state-1"

    /// Writes the state atomically (temporary file, then rename) as safetensors: the F32 tensors `parameters`,
    /// `adam.m`, `adam.v` and `best_image` (height × width × channels); in the metadata `format`, `iteration`,
    /// `adam.t`, `last_loss`, `discrepancy_stop`, `best_index`, `step_seconds` (one number a step) and `evaluations`
    /// (a line each: iteration, PSNR, SSIM or `-`, loss, seconds). Numbers are written in the shortest form that
    /// reads back to the same bits.
    public func write(to url: URL) throws {
        var metadata = [
            "format": Self.format, "iteration": String(iteration), "adam.t": String(adam.step), "last_loss": String(lastLoss),
            "step_seconds": stepSeconds.map { String($0) }.joined(separator: ","),
            "evaluations": evaluations.map { evaluation in
                [String(evaluation.iteration), String(evaluation.psnr), evaluation.ssim.map { String($0) } ?? "-",
                 String(evaluation.loss), String(evaluation.seconds)].joined(separator: " ")
            }.joined(separator: "\n"),
        ]
        var tensors: [String: SafeTensors.Tensor] = [
            "parameters": .init(shape: [parameters.count], values: parameters),
            "adam.m": .init(shape: [adam.firstMoment.count], values: adam.firstMoment),
            "adam.v": .init(shape: [adam.secondMoment.count], values: adam.secondMoment),
        ]
        if let discrepancyStop { metadata["discrepancy_stop"] = String(discrepancyStop) }
        if let best {
            metadata["best_index"] = String(best.index)
            tensors["best_image"] = .init(shape: [best.image.height, best.image.width, best.image.channels], values: best.image.pixels)
        }
        try SafeTensors(metadata: metadata, tensors: tensors).write(to: url)
    }

    /// Reads a state written by ``write(to:)``; anything missing or malformed is an error naming the file and the
    /// entry.
    public static func read(_ url: URL) throws -> SolverState {
        let file = try SafeTensors.read(url)
        func fail(_ problem: String) -> SolverError {
            .unreadableState(file: url.path, problem: problem)
        }
        guard file.metadata["format"] == format else { throw fail("has format '\(file.metadata["format"] ?? "none")'") }
        func metadata<T>(_ key: String, _ parse: (String) -> T?) throws -> T {
            guard let text = file.metadata[key], let value = parse(text) else {
                throw fail("lacks a readable '\(key)' entry")
            }
            return value
        }
        func tensor(_ name: String) throws -> SafeTensors.Tensor {
            guard let tensor = file.tensors[name] else { throw fail("lacks the tensor '\(name)'") }
            return tensor
        }
        func numbers(_ text: Substring) -> [Double]? {
            let fields = text.split(separator: ",").map { Double($0) }
            return fields.contains(nil) ? nil : fields.map { $0! }
        }
        let evaluations = try metadata("evaluations") { text in
            let lines = text.split(separator: "\n").map { line -> SolverEvaluation? in
                let fields = line.split(separator: " ")
                guard fields.count == 5, let iteration = Int(fields[0]), let psnr = Double(fields[1]),
                      let loss = Double(fields[3]), let seconds = Double(fields[4]) else { return nil }
                let ssim = fields[2] == "-" ? Double?.none : Double(fields[2])
                if fields[2] != "-" && ssim == nil { return nil }
                return SolverEvaluation(iteration: iteration, psnr: psnr, ssim: ssim, loss: loss, seconds: seconds)
            }
            return lines.contains(nil) ? nil : lines.map { $0! }
        }
        var best: (Int, Image)?
        if file.metadata["best_index"] != nil {
            let index = try metadata("best_index") { Int($0) }
            let image = try tensor("best_image")
            guard evaluations.indices.contains(index), image.shape.count == 3 else {
                throw fail("has best_index \(index) of \(evaluations.count) evaluations, or a best_image that is not height × width × channels")
            }
            best = (index, Image(height: image.shape[0], width: image.shape[1], channels: image.shape[2], pixels: image.values))
        }
        return SolverState(
            iteration: try metadata("iteration") { Int($0) }, parameters: try tensor("parameters").values,
            adam: AdamState(step: try metadata("adam.t") { Int($0) }, firstMoment: try tensor("adam.m").values,
                            secondMoment: try tensor("adam.v").values),
            evaluations: evaluations, best: best, stepSeconds: try metadata("step_seconds") { numbers($0[...]) },
            discrepancyStop: try file.metadata["discrepancy_stop"].map { _ in try metadata("discrepancy_stop") { Int($0) } },
            lastLoss: try metadata("last_loss") { Double($0) })
    }
}
