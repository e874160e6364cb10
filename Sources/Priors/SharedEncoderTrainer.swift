import Foundation
import INR

/// Trains a ``SharedEncoder`` on a ``TrainingSet``: full batch, loss L = Σ_k (1/(N·C)) ‖d_k(e(X)) − Y_k‖²,
/// Adam on every parameter (the paper: lr 1e-4, 5000 steps).
///
/// The images share one coordinate grid X, so each step evaluates the encoder **once**: H = e(X); then for each
/// image the decoder's forward, its loss gradient, and its backward, which adds dL_k/dH into one buffer; then one
/// encoder backward of Σ_k dL_k/dH. The result equals the gradient of K separate full networks (tested).
public final class SharedEncoderTrainer {
    public private(set) var model: SharedEncoder
    public let trainingSet: TrainingSet
    public let adam: Adam.Configuration
    public private(set) var iteration = 0
    /// The per-image PSNR (clipped) of the last measured step.
    public private(set) var lastPSNRs: [Double] = []

    private let encoderWorkspace: Workspace
    private let decoderWorkspace: Workspace
    /// dL/dθ_e of the last step.
    public private(set) var encoderGradient: [Float]
    /// dL/dθ_{d_k} of the last step, one per image.
    public private(set) var decoderGradients: [[Float]]
    private var featureGradient: [Float]
    private let encoderOptimiser: Adam
    private let decoderOptimisers: [Adam]

    /// Prepares training of `model` (one decoder per image of `trainingSet`).
    public init(model: SharedEncoder, trainingSet: TrainingSet, adam: Adam.Configuration = .init(), threads: Int = ComputeThreads.available) throws {
        guard model.decoders.count == trainingSet.count else {
            throw PriorError("decoders", "\(model.decoders.count) for \(trainingSet.count) training images; expected one per image")
        }
        guard model.architecture.dimensions.last == trainingSet.channels, model.architecture.dimensions.first == 2 else {
            throw PriorError("architecture", "maps \(model.architecture.dimensions.first ?? 0) → \(model.architecture.dimensions.last ?? 0); the training images need 2 → \(trainingSet.channels)")
        }
        self.model = model
        self.trainingSet = trainingSet
        self.adam = adam
        let rows = trainingSet.coordinates.rows
        encoderWorkspace = try Workspace(architecture: model.encoder.architecture, capacity: rows, threads: threads)
        decoderWorkspace = try Workspace(architecture: model.decoders[0].architecture, capacity: rows, threads: threads)
        encoderGradient = [Float](repeating: 0, count: model.encoder.layout.count)
        decoderGradients = model.decoders.map { [Float](repeating: 0, count: $0.layout.count) }
        featureGradient = [Float](repeating: 0, count: rows * model.encoder.architecture.dimensions.last!)
        encoderOptimiser = try Adam(parameterCount: model.encoder.layout.count, configuration: adam, threads: threads)
        decoderOptimisers = try model.decoders.map { try Adam(parameterCount: $0.layout.count, configuration: adam, threads: threads) }
    }

    /// One Adam step on all K images; returns Σ_k MSE_k before the step. With `measure`, also records each
    /// image's clipped PSNR in ``lastPSNRs``. A non-finite loss is an error naming the iteration.
    @discardableResult
    public func step(measure: Bool = false) throws -> Double {
        iteration += 1
        let rows = trainingSet.coordinates.rows
        let count = rows * trainingSet.channels
        var loss = 0.0
        var psnrs: [Double] = []
        try trainingSet.coordinates.values.withUnsafeBufferPointer { coordinates in
            let features = try model.encoder.forward(input: coordinates.baseAddress!, rows: rows, workspace: encoderWorkspace)
            try featureGradient.withUnsafeMutableBufferPointer { featureGradient in
                for k in model.decoders.indices {
                    let output = try model.decoders[k].forward(input: features.baseAddress!, rows: rows, workspace: decoderWorkspace)
                    trainingSet.targets[k].values.withUnsafeBufferPointer { target in
                        if measure {
                            psnrs.append(MeanSquaredError.psnr(meanSquaredErrorOnPlusMinusOne:
                                Self.clippedError(output, target.baseAddress!) / Double(count)))
                        }
                        loss += MeanSquaredError.lossGradient(output: output, target: target.baseAddress!,
                                                              totalCount: count, workspace: decoderWorkspace) / Double(count)
                    }
                    try decoderGradients[k].withUnsafeMutableBufferPointer { gradient in
                        try model.decoders[k].backward(
                            input: features.baseAddress!, outputGradient: output.baseAddress!, workspace: decoderWorkspace,
                            gradient: gradient.baseAddress!, accumulate: false,
                            inputGradient: featureGradient.baseAddress!, accumulateInputGradient: k > 0)
                    }
                }
                try encoderGradient.withUnsafeMutableBufferPointer { gradient in
                    try model.encoder.backward(
                        input: coordinates.baseAddress!, outputGradient: featureGradient.baseAddress!,
                        workspace: encoderWorkspace, gradient: gradient.baseAddress!, accumulate: false)
                }
            }
        }
        guard loss.isFinite else {
            throw PriorError("training step \(iteration)", "the loss became \(loss.lossDescription); lower the learning rate (now \(adam.learningRate)) or ω0")
        }
        try encoderOptimiser.update(parameters: &model.encoder.parameters, gradient: encoderGradient)
        for k in model.decoders.indices {
            try decoderOptimisers[k].update(parameters: &model.decoders[k].parameters, gradient: decoderGradients[k])
        }
        if measure { lastPSNRs = psnrs }
        return loss
    }

    /// Σ (clip(y, −1, 1) − t)² over one image's output.
    private static func clippedError(_ output: UnsafeMutableBufferPointer<Float>, _ target: UnsafePointer<Float>) -> Double {
        var sum = 0.0
        for i in output.indices {
            let e = Double(min(max(output[i], -1), 1) - target[i])
            sum += e * e
        }
        return sum
    }
}

extension SharedEncoderTrainer: PriorTrainer {
    var content: PriorFile.Content { .sharedEncoder(model) }

    func trainingStep(measure: Bool) throws -> (loss: Double, psnrs: [Double]?) {
        let loss = try step(measure: measure)
        return (loss, measure ? lastPSNRs : nil)
    }

    /// Parts `encoder` and `decoders.0` … `decoders.K−1`.
    var trainingState: TrainingState {
        var parts = ["encoder": TrainingState.Part(parameters: model.encoder.parameters, adam: encoderOptimiser.state)]
        for k in model.decoders.indices {
            parts["decoders.\(k)"] = TrainingState.Part(parameters: model.decoders[k].parameters, adam: decoderOptimisers[k].state)
        }
        return TrainingState(iteration: iteration, parts: parts)
    }

    func restore(_ state: TrainingState) throws {
        let trainer = "a shared encoder with \(model.decoders.count) decoder(s)"
        guard state.parts.count == model.decoders.count + 1 else {
            throw PriorError("training state", "holds \(state.parts.count) parts; \(trainer) needs \(model.decoders.count + 1)")
        }
        let encoder = try state.part("encoder", count: model.encoder.layout.count, of: trainer)
        let decoders = try model.decoders.indices.map { k in
            try state.part("decoders.\(k)", count: model.decoders[k].layout.count, of: trainer)
        }
        try encoderOptimiser.restore(encoder.adam)
        model.encoder.parameters = encoder.parameters
        for (k, decoder) in decoders.enumerated() {
            try decoderOptimisers[k].restore(decoder.adam)
            model.decoders[k].parameters = decoder.parameters
        }
        iteration = state.iteration
    }
}
