import INR

/// The exact state of a prior's training after `iteration` steps: every trained parameter vector θ_p with its
/// Adam state (t, m, v), and the random generator's state when the training draws (meta-learning's task order).
/// Restoring it into a freshly built trainer makes the remaining steps those of an uninterrupted run, bit for bit.
public struct TrainingState: Equatable, Sendable {
    /// One trained parameter vector and the state of the Adam instance that updates it.
    public struct Part: Equatable, Sendable {
        public var parameters: [Float]
        public var adam: AdamState

        public init(parameters: [Float], adam: AdamState) {
            self.parameters = parameters
            self.adam = adam
        }
    }

    public var iteration: Int
    /// The parts by name: `network` (fitted, meta), or `encoder` and `decoders.K` (STRAINER).
    public var parts: [String: Part]
    /// The four xoshiro256 words of the training's generator (``SeededRandom/RandomSource/stateWords``), if any.
    public var randomWords: [UInt64]?

    public init(iteration: Int, parts: [String: Part], randomWords: [UInt64]? = nil) {
        self.iteration = iteration
        self.parts = parts
        self.randomWords = randomWords
    }

    /// The part named `name`, which must hold `count` parameters; `of` names the trainer in the error otherwise.
    func part(_ name: String, count: Int, of trainer: String) throws -> Part {
        guard let part = parts[name] else {
            throw PriorError("training state", "has no part '\(name)' (it holds \(parts.keys.sorted().joined(separator: ", "))); \(trainer) needs it")
        }
        guard part.parameters.count == count else {
            throw PriorError("training state", "part '\(name)' holds \(part.parameters.count) parameters; \(trainer) has \(count)")
        }
        return part
    }
}

/// One kind of prior training, as ``PriorTraining`` steps it: STRAINER's shared encoder, a fitted network or a
/// meta-learner. Each can hand over its exact ``TrainingState`` after any step and continue from one.
protocol PriorTrainer: AnyObject {
    /// Steps made so far.
    var iteration: Int { get }
    /// One step; returns its training loss and, when `measure`, the training PSNR of each image (dB).
    func trainingStep(measure: Bool) throws -> (loss: Double, psnrs: [Double]?)
    var trainingState: TrainingState { get }
    /// What the prior file holds once training ends.
    var content: PriorFile.Content { get }
    func restore(_ state: TrainingState) throws
}
