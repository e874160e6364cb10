import Foundation
import INR

/// A ``TrainingState`` on disk, tagged with the training it belongs to. `strainer train-prior` keeps one beside
/// its output while it trains (`<out>.checkpoint`), so an interrupted training continues with `--resume`.
///
/// Format: safetensors; part p is stored as the F32 tensors `p.parameters`, `p.adam.m` and `p.adam.v`, with
/// Adam's t in the metadata key `p.adam.t`; the metadata also holds `format`, `identity`, `iteration`,
/// `elapsed_seconds` and, when the training draws, `random_state` (four hexadecimal xoshiro256 words).
public struct TrainingCheckpoint: Equatable, Sendable {
    /// The `format` metadata value that marks a training checkpoint.
    public static let format = "strainer-training-checkpoint-1"

    /// A digest of everything the training's numbers depend on except the step count (see
    /// ``PriorTraining/identity(kind:on:options:suiteVersion:platform:)``); a checkpoint only resumes the same training.
    public var identity: String
    /// Wall time spent training up to this state, summed over the runs that made it.
    public var elapsedSeconds: Double
    public var state: TrainingState

    public init(identity: String, elapsedSeconds: Double, state: TrainingState) {
        self.identity = identity
        self.elapsedSeconds = elapsedSeconds
        self.state = state
    }

    /// Writes the checkpoint atomically (temporary file, then rename): an interruption leaves the previous one.
    public func write(to url: URL) throws {
        var metadata = ["format": Self.format, "identity": identity, "iteration": String(state.iteration),
                        "elapsed_seconds": String(elapsedSeconds)]
        var tensors: [String: SafeTensors.Tensor] = [:]
        for (name, part) in state.parts {
            tensors["\(name).parameters"] = .init(shape: [part.parameters.count], values: part.parameters)
            tensors["\(name).adam.m"] = .init(shape: [part.adam.firstMoment.count], values: part.adam.firstMoment)
            tensors["\(name).adam.v"] = .init(shape: [part.adam.secondMoment.count], values: part.adam.secondMoment)
            metadata["\(name).adam.t"] = String(part.adam.step)
        }
        if let words = state.randomWords {
            metadata["random_state"] = words.map { String($0, radix: 16) }.joined(separator: ",")
        }
        try SafeTensors(metadata: metadata, tensors: tensors).write(to: url)
    }

    /// Reads a checkpoint; anything missing or malformed is an error naming the file and the entry.
    public static func read(_ url: URL) throws -> TrainingCheckpoint {
        let file = try SafeTensors.read(url)
        func fail(_ problem: String) -> PriorError {
            PriorError(url.path, "\(problem); expected a training checkpoint written by `strainer train-prior` (delete it to start afresh)")
        }
        guard file.metadata["format"] == format else {
            throw fail("has format '\(file.metadata["format"] ?? "none")'")
        }
        guard let identity = file.metadata["identity"], let iteration = file.metadata["iteration"].flatMap({ Int($0) }),
              let elapsed = file.metadata["elapsed_seconds"].flatMap({ Double($0) }) else {
            throw fail("lacks its identity, iteration or elapsed time")
        }
        var parts: [String: TrainingState.Part] = [:]
        for key in file.tensors.keys where key.hasSuffix(".parameters") {
            let name = String(key.dropLast(".parameters".count))
            guard let m = file.tensors["\(name).adam.m"]?.values, let v = file.tensors["\(name).adam.v"]?.values,
                  let t = file.metadata["\(name).adam.t"].flatMap({ Int($0) }) else {
                throw fail("part '\(name)' lacks its Adam state")
            }
            parts[name] = .init(parameters: file.tensors[key]!.values, adam: AdamState(step: t, firstMoment: m, secondMoment: v))
        }
        var words: [UInt64]?
        if let text = file.metadata["random_state"] {
            let parsed = text.split(separator: ",").compactMap { UInt64($0, radix: 16) }
            guard parsed.count == 4 else { throw fail("random_state '\(text)' is not four hexadecimal words") }
            words = parsed
        }
        return TrainingCheckpoint(identity: identity, elapsedSeconds: elapsed,
                                  state: TrainingState(iteration: iteration, parts: parts, randomWords: words))
    }
}

/// Where and how often ``PriorTraining`` keeps its ``TrainingCheckpoint``, and whether it starts from a kept one.
public struct CheckpointPolicy: Sendable {
    public enum Interval: Sendable, Equatable {
        case steps(Int)
        case seconds(Double)
    }

    public var url: URL
    public var interval: Interval
    /// Continue from the checkpoint at `url` when there is one (it must belong to the same training).
    public var resume: Bool
    /// Asked after every step: when true, the training saves its state and ends with ``TrainingStopped``.
    public var isStopRequested: @Sendable () -> Bool

    public init(url: URL, interval: Interval = .seconds(60), resume: Bool, isStopRequested: @escaping @Sendable () -> Bool = { false }) {
        self.url = url
        self.interval = interval
        self.resume = resume
        self.isStopRequested = isStopRequested
    }

    /// The checkpoint kept for a prior written to `prior`: the same path with `.checkpoint` appended.
    public static func url(forPrior prior: URL) -> URL {
        prior.deletingLastPathComponent().appendingPathComponent(prior.lastPathComponent + ".checkpoint")
    }

    /// Whether a checkpoint file exists at `url`.
    public var exists: Bool { FileManager.default.fileExists(atPath: url.path) }

    /// Removes the checkpoint (once the prior it led to is written).
    public func discard() throws {
        if exists { try FileManager.default.removeItem(at: url) }
    }
}

/// A training that saved its state and stopped because its ``CheckpointPolicy`` asked it to.
public struct TrainingStopped: Error, Equatable {
    /// The step whose state was saved.
    public let iteration: Int
    public let checkpoint: URL
}

extension CheckpointPolicy {
    /// Whether to save after step `iteration`, `secondsSinceSave` after the last save (or the start).
    func isDue(iteration: Int, secondsSinceSave: Double) -> Bool {
        switch interval {
        case let .steps(every): every > 0 && iteration % every == 0
        case let .seconds(every): secondsSinceSave >= every
        }
    }
}
