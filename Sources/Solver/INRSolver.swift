import Foundation
import Imaging
import INR
import Operators

/// Reconstructs `x` from `y = noise(A x)` with a coordinate network `f_θ` evaluated on the reconstruction grid:
///
///     x(θ) = (f_θ(grid) + 1) / 2,     minimise  J(θ) = D(x(θ)) + λ · TV_ε(x(θ)) / n
///
/// by full-batch Adam, where `D` is the noise model's mean negative log-likelihood (``DataFidelity``), `n` the
/// number of samples of `x` and `TV_ε` the smoothed total variation (``SmoothedTotalVariation``). The chain rule
/// runs through the operator's adjoint: `∂J/∂f = ½ (∇D(x) + λ ∇TV_ε(x)/n)`, with `∇D = Aᵀ ∂ℓ/∂z / m`, which is
/// back-propagated through the network. Any ``LinearOperator`` and ``NoiseModel`` plug in; the network comes from
/// any prior (its output channels must be `x`'s).
///
/// The network's `[−1, 1]` output convention is the one the priors are trained in (`Matrix(targetsOf:)`), so a
/// STRAINER encoder meets the signal it was trained for. For the identity operator and Gaussian noise this is
/// exactly an image fit of the noisy image (the objective is then a constant multiple of ``ImageFit``'s MSE).
///
/// Every `evaluateEvery` steps the clipped reconstruction is compared with the ground truth (PSNR, SSIM) outside
/// the step timing; the best iterate by PSNR is kept. A non-finite objective stops the solve with the iteration.
///
/// With a risk probe (``SolverOptions/riskProbe``) a twin solver fits `y + εb` from the same start in lockstep —
/// its gradient formed and its update applied with this one's — so that every step's Stein risk estimate
/// (``SteinRiskProbe``) can be read from the two fits' `Ax`.
public final class INRSolver {
    public private(set) var network: Network
    public let problem: InverseProblem
    public let options: SolverOptions
    /// Steps taken.
    public private(set) var iteration = 0

    private let coordinates: Matrix
    private let workspace: Workspace
    private let adam: Adam
    private let dataFidelity: DataFidelity
    private let totalVariation: SmoothedTotalVariation
    private var gradient: [Float]
    /// x(θ) and ∂J/∂x of the current step.
    private var image: [Float]
    private var imageGradient: [Float]
    /// What ``run(progress:)`` has recorded so far (see ``SolverState``).
    private var record = Record()
    /// With a risk probe: the twin fit of `y + εb` and what the estimate needs besides.
    private let riskTwin: RiskTwin?

    private struct RiskTwin {
        let solver: INRSolver
        let estimator: SteinRiskEstimator
    }

    private struct Record {
        var evaluations: [SolverEvaluation] = []
        var best: (index: Int, image: Image)?
        var stepSeconds: [Double] = []
        var discrepancyStop: Int?
        var lastLoss = Double.nan
        /// The data's state at every iterate the run formed a gradient at (not kept across ``restore(_:)``).
        var trace: [SolverTraceEntry] = []
        /// The iterate of least held-out loss so far, and its per-sample held-out losses.
        var leastHeldOut: SolverTraceEntry?
        var leastHeldOutValues: [Double] = []
        /// The latest iterate within one standard error of that least, and its reconstruction (clipped).
        var validationChoice: (entry: SolverTraceEntry, image: Image)?
        /// The iterate of least estimated risk so far, and its reconstruction (clipped).
        var risks = LeastRiskTracker()
        /// The step at which the run ended past the least held-out loss or risk (``SolverOptions/stopsPastMinimum``).
        var minimumStop: Int?
    }

    public init(network: Network, problem: InverseProblem, options: SolverOptions) throws {
        let shape = problem.reconstructionShape
        let dimensions = network.architecture.dimensions
        guard dimensions[0] == 2, dimensions.last! == shape.channels else {
            throw SolverError.shapeMismatch(
                what: "network for a \(shape) reconstruction", expected: "2 inputs and \(shape.channels) outputs",
                found: "\(dimensions[0]) inputs and \(dimensions.last!) outputs")
        }
        try options.validate(parameterCount: network.layout.count)
        if options.stopsAtDiscrepancy && problem.noise == nil {
            throw SolverError.invalidOption(
                name: "stop", problem: "is the discrepancy principle, which needs a noise model; this problem has none")
        }
        self.network = network
        self.problem = problem
        self.options = options
        coordinates = try Matrix.coordinates(height: shape.height, width: shape.width)
        workspace = try Workspace(
            architecture: network.architecture, capacity: min(options.fit.chunkRows ?? shape.pixelCount, shape.pixelCount),
            threads: options.fit.threads, blockRows: options.fit.blockRows)
        adam = try Adam(parameterCount: network.layout.count, configuration: options.fit.adam, threads: options.fit.threads)
        if let heldOut = options.heldOut, heldOut.mask.count != problem.measurement.count {
            throw SolverError.shapeMismatch(what: "held-out samples", expected: "\(problem.measurement.count) samples (the measurement's)",
                                            found: "\(heldOut.mask.count)")
        }
        dataFidelity = try DataFidelity(problem: problem, heldOut: options.heldOut)
        totalVariation = SmoothedTotalVariation(shape: shape)
        gradient = [Float](repeating: 0, count: network.layout.count)
        image = [Float](repeating: 0, count: shape.count)
        imageGradient = image
        riskTwin = try options.riskProbe.map { try Self.twin(network: network, problem: problem, options: options, probe: $0) }
    }

    /// The twin of a solver with a risk probe: the same network, operator, noise model and options (without the probe,
    /// held-out samples or stopping rules) fitting `y + εb`, ε = ``SteinRiskProbe/step(sigma:)``.
    private static func twin(network: Network, problem: InverseProblem, options: SolverOptions, probe: SteinRiskProbe) throws -> RiskTwin {
        guard let noise = problem.noise as? GaussianNoise else {
            throw SolverError.invalidOption(
                name: "stop", problem: "is Stein's unbiased risk estimate, which needs Gaussian noise of known σ; this problem has "
                    + (problem.noise.map { "\($0)" } ?? "no noise model"))
        }
        let estimator = SteinRiskEstimator(probe: probe, forward: problem.forward, sigma: noise.sigma)
        let perturbed = zip(problem.measurement, estimator.direction).map { $0 + Float(estimator.step) * $1 }
        var twinOptions = options
        (twinOptions.riskProbe, twinOptions.heldOut, twinOptions.stopsPastMinimum, twinOptions.stopsAtDiscrepancy) = (nil, nil, false, false)
        let solver = try INRSolver(
            network: network, problem: try InverseProblem(forward: problem.forward, measurement: perturbed, noise: noise, groundTruth: nil),
            options: twinOptions)
        return RiskTwin(solver: solver, estimator: estimator)
    }

    /// One Adam step; returns the objective before the update. Throws when it is not finite.
    @discardableResult
    public func step() throws -> Double {
        let loss = try formCheckedGradient()
        try update()
        return loss
    }

    /// Forms ∂J/∂θ at the current parameters (and the data's discrepancy there) and returns J; throws, naming the
    /// step about to be taken, when J is not finite.
    private func formCheckedGradient() throws -> Double {
        _ = try riskTwin?.solver.formCheckedGradient()
        let loss = try formGradient()
        guard loss.isFinite else {
            var hint = network.nonFiniteLossHint(learningRate: options.fit.adam.learningRate)
            if options.totalVariationWeight > 0 { hint += ", or the TV weight (now \(options.totalVariationWeight))" }
            throw SolverError.nonFiniteLoss(iteration: iteration + 1, loss: loss, hint: hint)
        }
        return loss
    }

    /// Applies the Adam update with the gradient last formed.
    private func update() throws {
        try riskTwin?.solver.update()
        iteration += 1
        try adam.step(&network, gradient: &gradient, iteration: iteration, frozenParameterCount: options.fit.frozenParameterCount,
                      schedule: options.fit.schedule)
    }

    /// `J(θ)` and `∂J/∂θ` at the current parameters (θ's layout), without stepping.
    public func objectiveAndGradient() throws -> (value: Double, gradient: [Float]) {
        let value = try formGradient()
        return (value, gradient)
    }

    /// Writes ∂J/∂θ into `gradient` and returns J.
    private func formGradient() throws -> Double {
        if workspace.capacity >= coordinates.rows {
            return try network.gradient(coordinates, workspace: workspace, into: &gradient) { _, output in
                objective(overwritingWithGradient: output)
            }
        }
        // Chunked: the objective couples all pixels through A, so first evaluate the whole output, form ∂J/∂f,
        // then back-propagate it chunk by chunk (each chunk's forward pass is recomputed).
        var output = try network.evaluate(coordinates, workspace: workspace).values
        let value = output.withUnsafeMutableBufferPointer { objective(overwritingWithGradient: $0) }
        let columns = output.count / coordinates.rows
        _ = try output.withUnsafeBufferPointer { outputGradient in
            try network.gradient(coordinates, workspace: workspace, into: &gradient) { rows, chunk in
                chunk.baseAddress!.update(from: outputGradient.baseAddress! + rows.lowerBound * columns, count: chunk.count)
                return 0
            }
        }
        return value
    }

    /// The current reconstruction, clipped to [0, 1].
    public func reconstruction() throws -> Image {
        let shape = problem.reconstructionShape
        return Image(networkOutput: try network.evaluate(coordinates, workspace: workspace), height: shape.height, width: shape.width)
    }

    /// The objective J at the current parameters.
    public func objective() throws -> Double {
        var output = try network.evaluate(coordinates, workspace: workspace).values
        return output.withUnsafeMutableBufferPointer { objective(overwritingWithGradient: $0) }
    }

    /// Runs the remaining steps, evaluating at 0, every `evaluateEvery` steps and at the last one (untimed),
    /// and reporting every step to `progress` (an error it throws ends the run; ``state`` may be saved there). With
    /// a noise model, the first iterate whose discrepancy is at most ``SolverOptions/discrepancyTarget`` is
    /// evaluated too (before its update), and the run ends there when ``SolverOptions/stopsAtDiscrepancy``. After
    /// ``restore(_:)`` it continues the restored run. Returns the evaluations, the best iterate and the final
    /// reconstruction.
    public func run(progress: (SolverProgress) throws -> Void = { _ in }) throws -> SolverResult {
        if iteration == 0 { _ = try evaluate(loss: try objective()) }
        while iteration < options.fit.iterations {
            // The step's time is its gradient and its update; an evaluation between the two is not timed.
            let gradientStart = DispatchTime.now().uptimeNanoseconds
            record.lastLoss = try formCheckedGradient()
            var nanoseconds = DispatchTime.now().uptimeNanoseconds - gradientStart
            recordData(loss: record.lastLoss)
            if options.stopsPastMinimum, let best = record.leastHeldOut?.iteration ?? record.risks.least?.entry.iteration,
               iteration - best >= SolverOptions.patience(best: best) {
                record.minimumStop = iteration
                break
            }
            if record.discrepancyStop == nil, let discrepancy = dataFidelity.discrepancy, discrepancy <= options.discrepancyTarget {
                record.discrepancyStop = iteration
                _ = try evaluate(loss: record.lastLoss)
                if options.stopsAtDiscrepancy { break }
            }
            let updateStart = DispatchTime.now().uptimeNanoseconds
            try update()
            nanoseconds += DispatchTime.now().uptimeNanoseconds - updateStart
            let seconds = Double(nanoseconds) * 1e-9
            record.stepSeconds.append(seconds)
            let due = iteration == options.fit.iterations || iteration % options.fit.evaluateEvery == 0
            try progress(SolverProgress(
                iteration: iteration, loss: record.lastLoss, stepSeconds: seconds,
                evaluation: due ? try evaluate(loss: record.lastLoss) : nil))
        }
        if record.trace.last?.iteration != iteration {
            _ = try riskTwin?.solver.objective()
            recordData(loss: try objective())  // the last iterate's data term, for the trace and the held-out choice
        }
        record.risks.finish()
        let finalImage = try reconstruction()
        let best = record.best.map { (record.evaluations[$0.index], $0.image) }
        return SolverResult(
            evaluations: record.evaluations,
            best: best?.0 ?? SolverEvaluation(iteration: iteration, psnr: .nan, ssim: nil, loss: record.lastLoss, seconds: elapsed),
            bestImage: best?.1 ?? finalImage, finalImage: finalImage, stepSeconds: record.stepSeconds,
            discrepancyStop: record.discrepancyStop,
            stoppedEarly: (options.stopsAtDiscrepancy && record.discrepancyStop != nil) || record.minimumStop != nil,
            trace: record.trace, leastHeldOutLoss: record.leastHeldOut, validationChoice: record.validationChoice,
            leastRisk: record.risks.least)
    }

    /// Appends the current iterate's data term (whose x(θ) is in `image`, just formed) to the trace; notes the
    /// iterate when its held-out loss is the least so far, and keeps it as the validation choice when its excess
    /// over the least is within one (paired) standard error — the latest such iterate. With a risk probe, notes the
    /// estimate for the iterate of least median risk (``LeastRiskTracker``).
    private func recordData(loss: Double) {
        var entry = SolverTraceEntry(iteration: iteration, loss: loss, discrepancy: dataFidelity.discrepancy,
                                     heldOutLoss: dataFidelity.heldOutLoss)
        if let riskTwin {
            let estimate = riskTwin.estimator.estimate(measurement: problem.measurement, estimate: dataFidelity.predicted,
                                                       perturbedEstimate: riskTwin.solver.dataFidelity.predicted)
            (entry.risk, entry.degreesOfFreedom) = (estimate.risk, estimate.degreesOfFreedom)
            record.risks.record(entry, holds: riskTwin.estimator.holds(estimate)) { writeClippedImage(into: &$0) }
        }
        guard let heldOut = entry.heldOutLoss else {
            record.trace.append(entry)
            return
        }
        if record.leastHeldOut.map({ heldOut < $0.heldOutLoss! }) ?? true {
            entry.heldOutExcessError = 0
            record.leastHeldOut = entry
            record.leastHeldOutValues = dataFidelity.heldOutValues
        } else {
            entry.heldOutExcessError = pairedStandardError(dataFidelity.heldOutValues, record.leastHeldOutValues)
        }
        record.trace.append(entry)
        if heldOut - record.leastHeldOut!.heldOutLoss! <= entry.heldOutExcessError! {
            var kept = record.validationChoice?.image
            record.validationChoice = nil
            writeClippedImage(into: &kept)
            record.validationChoice = (entry, kept!)
        }
    }

    /// Writes the current x(θ) (in `image`) clipped to [0, 1] over `kept`, allocating it when nil: a choice that
    /// moves at most every step then allocates nothing (callers drop the record's reference first, so the pixels
    /// are overwritten in place, not copied on write).
    private func writeClippedImage(into kept: inout Image?) {
        let shape = problem.reconstructionShape
        if kept == nil { kept = Image(height: shape.height, width: shape.width, channels: shape.channels) }
        for i in image.indices { kept!.pixels[i] = min(max(image[i], 0), 1) }
    }

    /// Wall-clock seconds of the steps taken (evaluations excluded), summed in step order.
    private var elapsed: Double { record.stepSeconds.reduce(0, +) }

    /// Evaluates the current iterate against the ground truth (once per iteration) and keeps it if it is the best
    /// so far; `nil` without a ground truth.
    private func evaluate(loss: Double) throws -> SolverEvaluation? {
        guard let truth = problem.groundTruth else { return nil }
        if let last = record.evaluations.last, last.iteration == iteration { return last }
        let reconstruction = try reconstruction()
        let evaluation = SolverEvaluation(
            iteration: iteration, psnr: try ImageMetrics.psnr(truth, reconstruction),
            ssim: options.measuresStructuralSimilarity ? try? ImageMetrics.ssim(truth, reconstruction) : nil,
            loss: loss, seconds: elapsed)
        record.evaluations.append(evaluation)
        if record.best.map({ evaluation.psnr > record.evaluations[$0.index].psnr }) ?? true {
            record.best = (record.evaluations.count - 1, reconstruction)
        }
        return evaluation
    }

    /// The solver as it stands: parameters, optimiser and the record of the run so far.
    public var state: SolverState {
        SolverState(iteration: iteration, parameters: network.parameters, adam: adam.state, evaluations: record.evaluations,
                    best: record.best, stepSeconds: record.stepSeconds, discrepancyStop: record.discrepancyStop,
                    lastLoss: record.lastLoss)
    }

    /// Continues from a saved ``state`` of a solver of the same problem, network and options; throws, saying what
    /// differs, when it cannot be one (another parameter count or image shape, a step beyond this run's last, an
    /// optimiser at another step).
    public func restore(_ state: SolverState) throws {
        guard riskTwin == nil else {
            throw SolverError.invalidOption(name: "restored solver state", problem: "cannot continue a fit with a risk probe (its twin fit is not saved)")
        }
        let shape = problem.reconstructionShape
        let fits = state.parameters.count == network.layout.count && state.adam.step == state.iteration
            && (0...options.fit.iterations).contains(state.iteration) && state.stepSeconds.count == state.iteration
            && state.best.map { [$0.image.height, $0.image.width, $0.image.channels] == [shape.height, shape.width, shape.channels] } ?? true
        guard fits else {
            throw SolverError.shapeMismatch(
                what: "restored solver state",
                expected: "\(network.layout.count) parameters, Adam at its step, at most \(options.fit.iterations) steps, a \(shape) best iterate",
                found: "\(state.parameters.count) parameters, Adam at t = \(state.adam.step) after \(state.iteration) steps "
                    + "(\(state.stepSeconds.count) timed), best iterate \(state.best.map { "\($0.image.height)×\($0.image.width)×\($0.image.channels)" } ?? "none")")
        }
        try adam.restore(state.adam)
        network.parameters = state.parameters
        iteration = state.iteration
        record = Record(evaluations: state.evaluations, best: state.best, stepSeconds: state.stepSeconds,
                        discrepancyStop: state.discrepancyStop, lastLoss: state.lastLoss)
    }

    /// Given the network output `f` (N × C), returns J and overwrites `f` with ∂J/∂f.
    private func objective(overwritingWithGradient output: UnsafeMutableBufferPointer<Float>) -> Double {
        image.withUnsafeMutableBufferPointer { x in
            imageGradient.withUnsafeMutableBufferPointer { gx in
                for i in x.indices { x[i] = (output[i] + 1) / 2 }
                var value = dataFidelity.evaluate(UnsafeBufferPointer(x), gradient: gx)
                if options.totalVariationWeight > 0 {
                    let weight = options.totalVariationWeight / Double(x.count)
                    value += weight * totalVariation.evaluate(UnsafeBufferPointer(x), addingGradientTo: gx, weight: Float(weight))
                }
                for i in x.indices { output[i] = gx[i] / 2 }
                return value
            }
        }
    }
}
