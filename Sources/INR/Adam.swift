import Foundation
import Parallelism

/// Adam (Kingma & Ba 2015) with PyTorch's `torch.optim.Adam` semantics (no weight decay, no AMSGrad).
///
/// Step t = 1, 2, …, for every parameter p with gradient g:
///   m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²,
///   p ← p − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
/// which is `p -= lr · m̂ / (√v̂ + ε)` with m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ), evaluated in PyTorch's order.
/// The moments are allocated once; `update` allocates nothing.
public final class Adam: @unchecked Sendable {
    public struct Configuration: Equatable, Sendable {
        public var learningRate: Float
        public var beta1: Float
        public var beta2: Float
        public var epsilon: Float
        public init(learningRate: Float = 1e-4, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
            self.learningRate = learningRate
            self.beta1 = beta1
            self.beta2 = beta2
            self.epsilon = epsilon
        }
    }

    public let configuration: Configuration
    /// Number of updates made so far (t of the last update).
    public private(set) var step = 0
    let firstMoment: Buffer<Float>
    let secondMoment: Buffer<Float>
    let threads: Int

    /// Zero moments for `parameterCount` parameters.
    public init(parameterCount: Int, configuration: Configuration = Configuration(), threads: Int = ComputeThreads.available) throws {
        for (name, value) in [("learning rate", configuration.learningRate), ("ε", configuration.epsilon)]
        where !(value > 0 && value.isFinite) {
            throw INRError.invalidConfiguration(field: name, problem: "is \(value); expected a finite value > 0")
        }
        for (name, value) in [("β1", configuration.beta1), ("β2", configuration.beta2)] where !(0..<1).contains(value) {
            throw INRError.invalidConfiguration(field: name, problem: "is \(value); expected 0 ≤ β < 1")
        }
        self.configuration = configuration
        firstMoment = Buffer(count: parameterCount, repeating: 0)
        secondMoment = Buffer(count: parameterCount, repeating: 0)
        self.threads = max(1, threads)
    }

    /// One Adam step on `parameters` with `gradient` (same count as at construction), at `learningRate`
    /// (default: the configured one; schedules pass theirs).
    public func update(parameters: inout [Float], gradient: [Float], learningRate: Float? = nil) throws {
        guard parameters.count == firstMoment.pointer.count, gradient.count == parameters.count else {
            throw INRError.shapeMismatch(
                what: "Adam update", expected: "\(firstMoment.pointer.count) parameters and gradients",
                found: "\(parameters.count) parameters, \(gradient.count) gradients")
        }
        step += 1
        let (beta1, beta2, epsilon) = (configuration.beta1, configuration.beta2, configuration.epsilon)
        let lr = Double(learningRate ?? configuration.learningRate)
        let stepSize = Float(lr / (1 - Foundation.pow(Double(beta1), Double(step))))
        let correction2Root = Float((1 - Foundation.pow(Double(beta2), Double(step))).squareRoot())
        let m = firstMoment.address
        let v = secondMoment.address
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                let p = p.baseAddress!
                let g = g.baseAddress!
                forEachPart(count: firstMoment.pointer.count, parts: threads) { _, range in
                    for i in range {
                        m[i] += (g[i] - m[i]) * (1 - beta1)  // PyTorch: m.lerp_(g, 1 − β1)
                        v[i] = v[i] * beta2 + (1 - beta2) * g[i] * g[i]
                        p[i] -= stepSize * (m[i] / (v[i].squareRoot() / correction2Root + epsilon))
                    }
                }
            }
        }
    }
}

/// Everything Adam carries from one update to the next: the number of updates t and the moment estimates m, v.
/// Restoring it into a fresh optimiser continues the same sequence of updates bit for bit.
public struct AdamState: Equatable, Sendable {
    public var step: Int
    public var firstMoment: [Float]
    public var secondMoment: [Float]

    public init(step: Int, firstMoment: [Float], secondMoment: [Float]) {
        self.step = step
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
    }
}

extension Adam {
    /// A copy of the optimiser's state after ``step`` updates.
    public var state: AdamState {
        AdamState(step: step, firstMoment: Array(firstMoment.pointer), secondMoment: Array(secondMoment.pointer))
    }

    /// Continues from a saved state: its moments must have this optimiser's parameter count, and t ≥ 0.
    public func restore(_ state: AdamState) throws {
        let count = firstMoment.pointer.count
        guard state.firstMoment.count == count, state.secondMoment.count == count, state.step >= 0 else {
            throw INRError.shapeMismatch(
                what: "Adam state", expected: "t ≥ 0 and \(count) values per moment",
                found: "t = \(state.step), \(state.firstMoment.count) and \(state.secondMoment.count) values")
        }
        _ = firstMoment.pointer.update(fromContentsOf: state.firstMoment)
        _ = secondMoment.pointer.update(fromContentsOf: state.secondMoment)
        step = state.step
    }
}

/// A learning-rate schedule lr(t) for iteration t = 1…T from a base rate lr₀.
public enum LearningRateSchedule: Equatable, Sendable {
    /// lr(t) = lr₀.
    case constant
    /// Cosine annealing over `iterations` steps down to `floor`·lr₀:
    /// lr(t) = lr₀·(floor + (1 − floor)·(1 + cos(π·(t − 1)/iterations))/2).
    case cosine(iterations: Int, floor: Float)
    /// Step decay: lr(t) = lr₀ · factor^⌊(t − 1)/every⌋.
    case step(every: Int, factor: Float)

    /// The learning rate at iteration `t` (1-based).
    public func rate(base: Float, iteration t: Int) -> Float {
        switch self {
        case .constant:
            return base
        case let .cosine(iterations, floor):
            let progress = Double(min(t - 1, iterations)) / Double(max(iterations, 1))
            return base * (floor + (1 - floor) * Float((1 + Foundation.cos(Double.pi * progress)) / 2))
        case let .step(every, factor):
            return base * Float(Foundation.pow(Double(factor), Double((t - 1) / max(every, 1))))
        }
    }
}
