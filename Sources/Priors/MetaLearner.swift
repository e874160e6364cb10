import Foundation
import INR
import SeededRandom

/// Meta-learned initialisation (Finn et al. 2017; Nichol et al. 2018; Tancik et al. 2021, "Learned
/// initializations for optimizing coordinate-based neural representations").
///
/// Each outer step draws `tasksPerStep` training images (seeded), adapts a copy of θ to each by `innerSteps`
/// steps of plain gradient descent φ ← φ − α ∇L_i(φ), and moves θ by Adam along the meta-gradient:
/// - first-order MAML: g = mean_i ∇L_i(φ_i), the gradient at the adapted parameters;
/// - Reptile: g = mean_i (θ − φ_i), so Adam moves θ towards the adapted parameters.
/// Tancik et al. used 2 inner steps at α = 1e-2 and an outer Adam at 1e-5.
public final class MetaLearner {
    public enum Algorithm: String, CaseIterable, Sendable {
        case firstOrderMAML = "fomaml"
        case reptile
    }

    public struct Options: Equatable, Sendable {
        public var algorithm: Algorithm
        public var innerSteps: Int
        public var innerLearningRate: Float
        public var outerLearningRate: Float
        public var tasksPerStep: Int

        public init(algorithm: Algorithm = .firstOrderMAML, innerSteps: Int = 2, innerLearningRate: Float = 1e-2,
                    outerLearningRate: Float = 1e-5, tasksPerStep: Int = 3) {
            self.algorithm = algorithm
            self.innerSteps = innerSteps
            self.innerLearningRate = innerLearningRate
            self.outerLearningRate = outerLearningRate
            self.tasksPerStep = tasksPerStep
        }

        /// The settings recorded in the prior file.
        public var settings: [String: String] {
            ["algorithm": algorithm.rawValue, "inner_steps": String(innerSteps), "inner_lr": "\(innerLearningRate)",
             "outer_lr": "\(outerLearningRate)", "tasks_per_step": String(tasksPerStep)]
        }
    }

    public private(set) var network: Network
    public let trainingSet: TrainingSet
    public let options: Options
    public private(set) var iteration = 0
    /// Mean over the step's tasks of the task loss (MSE on [−1, 1]) after adaptation (first-order MAML), or at the
    /// last inner step, before its update (Reptile, which evaluates no loss after adapting).
    public private(set) var lastAdaptedLoss = Double.nan

    private let workspace: Workspace
    private let optimiser: Adam
    private var random: RandomSource
    private var metaGradient: [Float]
    private var taskGradient: [Float]

    public init(network: Network, trainingSet: TrainingSet, options: Options, seed: UInt64, threads: Int = ComputeThreads.available) throws {
        guard options.innerSteps >= 1 else { throw PriorError("inner steps", "is \(options.innerSteps); expected ≥ 1") }
        guard options.tasksPerStep >= 1 else { throw PriorError("tasks per step", "is \(options.tasksPerStep); expected ≥ 1") }
        guard options.innerLearningRate > 0, options.outerLearningRate > 0 else {
            throw PriorError("learning rates", "inner \(options.innerLearningRate) and outer \(options.outerLearningRate); both must be > 0")
        }
        self.network = network
        self.trainingSet = trainingSet
        self.options = options
        workspace = try Workspace(architecture: network.architecture, capacity: trainingSet.coordinates.rows, threads: threads)
        optimiser = try Adam(parameterCount: network.layout.count, configuration: .init(learningRate: options.outerLearningRate),
                             threads: threads)
        random = RandomSource(seed: seed)
        metaGradient = [Float](repeating: 0, count: network.layout.count)
        taskGradient = metaGradient
    }

    /// One outer step.
    public func step() throws {
        iteration += 1
        for i in metaGradient.indices { metaGradient[i] = 0 }
        let weight = 1 / Float(options.tasksPerStep)
        var adaptedLoss = 0.0
        for _ in 0..<options.tasksPerStep {
            let task = Int(random.next() % UInt64(trainingSet.count))
            var adapted = network
            var innerLoss = 0.0
            for inner in 0..<options.innerSteps {
                innerLoss = try adapted.meanSquaredErrorGradient(
                    coordinates: trainingSet.coordinates, target: trainingSet.targets[task], workspace: workspace,
                    into: &taskGradient, context: "meta-learning step \(iteration), inner step \(inner + 1)")
                for i in adapted.parameters.indices { adapted.parameters[i] -= options.innerLearningRate * taskGradient[i] }
            }
            switch options.algorithm {
            case .firstOrderMAML:
                adaptedLoss += try adapted.meanSquaredErrorGradient(
                    coordinates: trainingSet.coordinates, target: trainingSet.targets[task], workspace: workspace,
                    into: &taskGradient, context: "meta-learning step \(iteration)")
                for i in metaGradient.indices { metaGradient[i] += weight * taskGradient[i] }
            case .reptile:
                for i in metaGradient.indices { metaGradient[i] += weight * (network.parameters[i] - adapted.parameters[i]) }
                adaptedLoss += innerLoss
            }
        }
        lastAdaptedLoss = adaptedLoss / Double(options.tasksPerStep)
        try optimiser.update(parameters: &network.parameters, gradient: metaGradient)
    }
}

extension MetaLearner: PriorTrainer {
    var content: PriorFile.Content { .network(network) }

    func trainingStep(measure: Bool) throws -> (loss: Double, psnrs: [Double]?) {
        try step()
        return (lastAdaptedLoss, nil)
    }

    /// Part `network` (θ, the initialisation being learned, with the outer Adam) and the task sampler's state.
    var trainingState: TrainingState {
        TrainingState(iteration: iteration, parts: ["network": .init(parameters: network.parameters, adam: optimiser.state)],
                      randomWords: random.stateWords)
    }

    func restore(_ state: TrainingState) throws {
        let trainer = "meta-learning"
        let part = try state.part("network", count: network.layout.count, of: trainer)
        guard let words = state.randomWords, let restored = RandomSource(stateWords: words) else {
            throw PriorError("training state", "has no valid random-generator state; \(trainer) needs the task sampler's")
        }
        try optimiser.restore(part.adam)
        network.parameters = part.parameters
        random = restored
        iteration = state.iteration
    }
}
