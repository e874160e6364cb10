import Foundation

/// Options of an MSE image fit.
public struct FitOptions: Equatable, Sendable {
    public var iterations: Int
    public var adam: Adam.Configuration
    public var schedule: LearningRateSchedule
    /// Measure the PSNR every this many iterations (and at 0 and the last one); 0 = only at the ends.
    public var evaluateEvery: Int
    /// Rows per forward/backward chunk; `nil` = the full batch at once.
    public var chunkRows: Int?
    /// Threads the passes split the rows over (see ``Workspace``).
    public var threads: Int
    /// Rows a thread takes through a layer at a time (see ``Workspace``).
    public var blockRows: Int
    /// The leading `frozenParameterCount` entries of θ stay fixed (a frozen encoder): their gradient is zeroed
    /// before Adam, whose moments then stay zero, so its update of them is exactly zero.
    public var frozenParameterCount: Int

    public init(
        iterations: Int, adam: Adam.Configuration = .init(), schedule: LearningRateSchedule = .constant,
        evaluateEvery: Int = 100, chunkRows: Int? = nil, threads: Int = ComputeThreads.available, blockRows: Int = 512,
        frozenParameterCount: Int = 0
    ) {
        self.frozenParameterCount = frozenParameterCount
        self.iterations = iterations
        self.adam = adam
        self.schedule = schedule
        self.evaluateEvery = evaluateEvery
        self.chunkRows = chunkRows
        self.threads = threads
        self.blockRows = blockRows
    }

    /// Throws, naming the option, unless iterations ≥ 0, the frozen parameters are 0…`parameterCount` and chunks
    /// have at least one row.
    public func validate(parameterCount: Int) throws {
        guard iterations >= 0 else {
            throw INRError.invalidConfiguration(field: "iterations", problem: "is \(iterations); expected ≥ 0")
        }
        guard (0...parameterCount).contains(frozenParameterCount) else {
            throw INRError.invalidConfiguration(field: "frozen parameters", problem: "is \(frozenParameterCount); expected 0…\(parameterCount)")
        }
        if let chunk = chunkRows, chunk < 1 {
            throw INRError.invalidConfiguration(field: "chunk rows", problem: "is \(chunk); expected ≥ 1")
        }
    }
}

/// A PSNR measurement or a step made during a fit.
public struct FitProgress: Sendable {
    public let iteration: Int
    /// Training loss of the step (MSE on [−1, 1]); the evaluated MSE at iteration 0.
    public let loss: Double
    /// PSNR (dB, [0, 1] scale) when measured at this iteration.
    public let psnr: Double?
    /// Wall time of the step (forward + loss + backward + Adam), 0 at iteration 0.
    public let stepSeconds: Double
}

/// Fits a network to an image by full-batch (or chunked) Adam on the mean squared error, the loop of the
/// STRAINER paper's image-fitting experiments: every step evaluates all N pixels. Targets are in [−1, 1]
/// (`2x − 1` of intensities x ∈ [0, 1]); the PSNR is measured on [0, 1] with the prediction clipped.
public final class ImageFit {
    public private(set) var network: Network
    public let coordinates: Matrix
    public let target: Matrix
    public let options: FitOptions
    public let workspace: Workspace
    public let adam: Adam
    /// dL/dθ of the last step.
    public private(set) var gradient: [Float]
    /// Number of steps made.
    public private(set) var iteration = 0

    /// Prepares the fit: `coordinates` N × inputs, `target` N × outputs in [−1, 1].
    public init(network: Network, coordinates: Matrix, target: Matrix, options: FitOptions) throws {
        let dims = network.architecture.dimensions
        guard coordinates.columns == dims[0], target.columns == dims.last!, target.rows == coordinates.rows,
            coordinates.rows >= 1
        else {
            throw INRError.shapeMismatch(
                what: "fit data", expected: "coordinates N × \(dims[0]) and target N × \(dims.last!)",
                found: "\(coordinates.rows) × \(coordinates.columns) and \(target.rows) × \(target.columns)")
        }
        try options.validate(parameterCount: network.layout.count)
        self.network = network
        self.coordinates = coordinates
        self.target = target
        self.options = options
        workspace = try Workspace(
            architecture: network.architecture, capacity: min(options.chunkRows ?? coordinates.rows, coordinates.rows),
            threads: options.threads, blockRows: options.blockRows)
        adam = try Adam(parameterCount: network.layout.count, configuration: options.adam, threads: options.threads)
        gradient = [Float](repeating: 0, count: network.layout.count)
    }

    /// One Adam step on the full batch; returns the loss before the step. Throws when it is not finite.
    @discardableResult
    public func step() throws -> Double {
        iteration += 1
        let totalCount = target.values.count
        let sum = try target.values.withUnsafeBufferPointer { t in
            try network.gradient(coordinates, workspace: workspace, into: &gradient) { rows, output in
                MeanSquaredError.lossGradient(
                    output: output, target: t.baseAddress! + rows.lowerBound * target.columns,
                    totalCount: totalCount, workspace: workspace)
            }
        }
        let loss = sum / Double(totalCount)
        guard loss.isFinite else {
            throw INRError.nonFiniteLoss(iteration: iteration, loss: loss,
                                         hint: network.nonFiniteLossHint(learningRate: adam.configuration.learningRate))
        }
        try adam.step(&network, gradient: &gradient, iteration: iteration, frozenParameterCount: options.frozenParameterCount,
                      schedule: options.schedule)
        return loss
    }

    /// θ and Adam's state after ``iteration`` steps: what ``restore(parameters:adam:)`` needs to continue the fit.
    public var state: (parameters: [Float], adam: AdamState) { (network.parameters, adam.state) }

    /// Continues a fit from a saved ``state``: θ and Adam's moments are restored and the iteration count becomes
    /// Adam's t, so the following steps are those of the uninterrupted fit, bit for bit.
    public func restore(parameters: [Float], adam state: AdamState) throws {
        guard parameters.count == network.layout.count else {
            throw INRError.shapeMismatch(what: "restored parameters", expected: "\(network.layout.count) values",
                                         found: "\(parameters.count)")
        }
        try adam.restore(state)
        network.parameters = parameters
        iteration = state.step
    }

    /// MSE (on [−1, 1]) of the current network's clipped prediction, and its PSNR.
    public func measure() throws -> (meanSquaredError: Double, psnr: Double) {
        let mse = MeanSquaredError.clippedError(
            prediction: try network.evaluate(coordinates, workspace: workspace), target: target)
        return (mse, MeanSquaredError.psnr(meanSquaredErrorOnPlusMinusOne: mse))
    }

    /// Runs the remaining iterations, reporting every step and, at measurement iterations, the PSNR (measured
    /// outside the step's timing). Returns the history of this run.
    @discardableResult
    public func run(progress: (FitProgress) -> Void = { _ in }) throws -> FitHistory {
        var history = FitHistory()
        func record(_ report: FitProgress) {
            if let psnr = report.psnr {
                history.psnr[report.iteration] = psnr
                if psnr > history.best?.psnr ?? -.infinity {
                    history.best = BestIterate(iteration: report.iteration, psnr: psnr, parameters: network.parameters)
                }
            }
            if report.iteration > 0 {
                history.losses.append(report.loss)
                history.stepSeconds.append(report.stepSeconds)
            }
            progress(report)
        }
        if iteration == 0 {
            let (mse, psnr) = try measure()
            record(FitProgress(iteration: 0, loss: mse, psnr: psnr, stepSeconds: 0))
        }
        while iteration < options.iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let loss = try step()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            let measureNow = iteration == options.iterations
                || (options.evaluateEvery > 0 && iteration % options.evaluateEvery == 0)
            record(FitProgress(
                iteration: iteration, loss: loss, psnr: measureNow ? try measure().psnr : nil, stepSeconds: seconds))
        }
        return history
    }
}

/// What a fit recorded: the PSNR curve, and the loss and wall time of every step.
public struct FitHistory: Sendable {
    /// PSNR (dB) by iteration, at the measurement iterations.
    public var psnr: [Int: Double] = [:]
    /// The measured iterate of highest PSNR. Late in a fit, Adam has occasional loss spikes (a few dB for a step
    /// or two), so the last iterate can be well below the best one.
    public var best: BestIterate?
    /// Loss of each step, in order.
    public var losses: [Double] = []
    /// Wall time of each step, in order.
    public var stepSeconds: [Double] = []

    /// The median wall time of the steps after the first `warmup` (all of them when there are fewer).
    public func medianStepSeconds(warmup: Int = 3) -> Double {
        stepSeconds.steadyMedian(warmup: warmup)
    }
}

/// A network's parameters at one measured iteration of a fit, with their PSNR.
public struct BestIterate: Sendable {
    public let iteration: Int
    public let psnr: Double
    /// θ at that iteration (``Network/parameters`` layout).
    public let parameters: [Float]
}

extension Array where Element == Double {
    /// The median of the entries after the first `warmup` (of all of them when there are fewer); NaN when empty.
    /// Step timings use it to leave out the first steps, which pay for allocation and cold caches.
    public func steadyMedian(warmup: Int) -> Double {
        let steady = (count > warmup ? dropFirst(warmup) : self[...]).sorted()
        guard !steady.isEmpty else { return .nan }
        let middle = steady.count / 2
        return steady.count % 2 == 1 ? steady[middle] : (steady[middle - 1] + steady[middle]) / 2
    }
}
