import Baselines
import Foundation
import Imaging
import INR
import Operators
import Priors
import SeededRandom
import Solver

/// A user's measurement reconstructed with an INR: the image grid from y and the operator
/// (``MeasurementGeometry``), the noise model with σ given or estimated (``NoiseSetting``), the prior's network
/// fitted by ``Solver/INRSolver`` until the stopping rule keeps an iterate (``StoppingRule``), and the classical
/// baselines that apply to the operator beside it. No ground truth is needed; a reference image, when given, only
/// scores the results afterwards (it never chooses the iterate).
public struct Reconstruction {
    /// How the fit runs.
    public struct Settings: Sendable {
        /// The step budget (Adam steps).
        public var iterations: Int
        public var learningRate: Float
        /// nil: hold-out validation (``Reconstruction/stop``).
        public var stop: StoppingRule?
        /// Seeds the network's initialisation and the held-out samples.
        public var seed: UInt64
        /// Rows per forward/backward chunk (bounds memory); nil = the whole grid at once.
        public var chunkRows: Int?
        public var threads: Int
        /// Score against the reference every this many steps (only with a reference).
        public var evaluateEvery: Int
        /// Whether the classical baselines run beside the fit (PnP-BM3D takes minutes on a megapixel photo).
        public var runsBaselines: Bool
        /// The baselines to run, as specifications for the baseline registry; nil: every one that applies to the
        /// operator, with the noise level where it is known (``Reconstruction/baselines()``).
        public var baselineSpecs: [ParameterMap]?

        public init(iterations: Int = 2000, learningRate: Float = 1e-4, stop: StoppingRule? = nil, seed: UInt64 = 0,
                    chunkRows: Int? = nil, threads: Int = ComputeThreads.available, evaluateEvery: Int = 25,
                    runsBaselines: Bool = true, baselineSpecs: [ParameterMap]? = nil) {
            self.iterations = iterations
            self.learningRate = learningRate
            self.stop = stop
            self.seed = seed
            self.chunkRows = chunkRows
            self.threads = threads
            self.evaluateEvery = evaluateEvery
            self.runsBaselines = runsBaselines
            self.baselineSpecs = baselineSpecs
        }
    }

    /// A classical reconstruction of the same measurement.
    public struct BaselineResult {
        public let name: String
        public let description: String
        public let image: Image
        public let seconds: Double
    }

    /// What a reconstruction kept, and why.
    public struct Outcome {
        /// The stopping rule that chose ``kept``.
        public let stop: StoppingRule
        /// The reconstruction kept (clipped to [0, 1]).
        public let kept: Image
        /// Steps taken before the kept iterate.
        public let keptIteration: Int
        /// One sentence: which iterate was kept and why.
        public let reason: String
        /// The solve: its trace (discrepancy, held-out loss per step), step times, and with a reference its evaluations.
        public let solve: SolverResult
        /// Under hold-out validation, the second fit that made ``kept``: every measurement, the chosen number of
        /// steps, the same start (``Reconstruction/refit(steps:progress:)``); nil under the other rules.
        public let refit: SolverResult?
        public let baselines: [BaselineResult]
    }

    public let measurement: Image
    public let geometry: MeasurementGeometry
    public let noise: NoiseSetting
    /// The network the fit starts from (the prior's), and the leading parameters it keeps fixed.
    public let start: Initialization
    public let settings: Settings
    /// The image y measures, for scoring only.
    public let reference: Image?

    /// Checks that the network suits the grid (2 inputs, the image's channels) and that the reference, when given,
    /// has the grid's shape.
    public init(measurement: Image, geometry: MeasurementGeometry, noise: NoiseSetting, start: Initialization,
                settings: Settings, reference: Image? = nil, referenceFile: String = "--reference") throws {
        if let reference, ImageShape(of: reference) != geometry.imageShape {
            throw ReconstructionError.shapeMismatch(
                file: referenceFile, found: reference.shapeDescription,
                expected: "a reference must have the reconstruction's shape \(geometry.imageShape)")
        }
        self.measurement = measurement
        self.geometry = geometry
        self.noise = noise
        self.start = start
        self.settings = settings
        self.reference = reference
    }

    /// The rule in effect: the one asked for, else hold-out validation, which needs no noise level (SURE needs Gaussian
    /// noise) and, in the suite's round trips (Benchmarks/reconstruct_roundtrip.sh), kept images within 1 dB of the
    /// reference's best in 7 of 7 cases, as SURE did, where the discrepancy principle stopped 1–3 dB short in 4 (an
    /// INR fits noise and image together, so its residual reaches the noise level before its error is least).
    public var stop: StoppingRule { settings.stop ?? .validation(fraction: StoppingRule.defaultHeldOutFraction) }

    /// Which fit a progress report comes from.
    public enum Phase: Sendable, Equatable {
        /// The fit the stopping rule watches.
        case fit
        /// Hold-out validation's second fit, on every measurement, of the step count the first one chose.
        case refit(steps: Int)
    }

    /// Fits the network, reporting each step to `progress`, then runs the baselines. Under hold-out validation the
    /// fit leaves the held-out measurements out and only chooses the step count k; the image kept is a second fit
    /// of every measurement for k steps from the same start (early stopping's "retrain on all the data for the
    /// chosen number of steps", Goodfellow, Bengio and Courville, *Deep Learning*, 2016, algorithm 7.2): the held-out
    /// positions then inform the image too, which on a small measurement (×4 super-resolution of 24 × 36 pixels)
    /// is worth a dB.
    public func run(progress: (SolverProgress, Phase) throws -> Void = { _, _ in }) throws -> Outcome {
        let rule = stop
        if rule == .discrepancy, noise.model == nil {
            throw ReconstructionError.invalidOption(
                name: "--stop", value: "discrepancy",
                expected: "a noise model to measure the residual against (give --noise, or stop by validation or iterations)")
        }
        if rule == .sure, !(noise.model is GaussianNoise) {
            throw ReconstructionError.invalidOption(
                name: "--stop", value: "sure",
                expected: "Gaussian noise, whose σ the risk estimate needs (this measurement's noise model is \(noise.description); "
                    + "give --noise '{name: gaussian, sigma: S}' or leave --noise out to estimate σ, or stop by validation or iterations)")
        }
        var heldOut: HeldOutSamples?
        if case let .validation(fraction) = rule {
            heldOut = try HeldOutSamples(fraction: fraction, seed: settings.seed, shape: geometry.forward.outputShape)
        }
        let problem = try InverseProblem(forward: geometry.forward, measurement: measurement.pixels, noise: noise.model,
                                         groundTruth: reference)
        var options = fixedBudget(settings.iterations)
        options.stopsAtDiscrepancy = rule == .discrepancy
        options.heldOut = heldOut
        options.riskProbe = rule == .sure ? SteinRiskProbe(seed: SeedSequence.derive(settings.seed, stream: Self.riskProbeStream)) : nil
        options.stopsPastMinimum = heldOut != nil || rule == .sure
        let solver = try INRSolver(network: start.network, problem: problem, options: options)
        let solve = try solver.run { try progress($0, .fit) }
        var (kept, iteration, reason) = Self.choice(rule, solve: solve, budget: settings.iterations)
        var refit: SolverResult?
        if heldOut != nil, solve.validationChoice != nil, iteration > 0 {
            let again = try self.refit(problem: problem, steps: iteration) { try progress($0, .refit(steps: iteration)) }
            (kept, refit) = (again.finalImage, again)
            reason += "; the image kept is that many steps fitted again from the same start on every measurement, the held-out ones included"
        }
        return Outcome(stop: rule, kept: kept, keptIteration: iteration, reason: reason, solve: solve, refit: refit,
                       baselines: settings.runsBaselines ? try baselines() : [])
    }

    /// The stream of ``Settings/seed`` that draws the risk probe (the network and the held-out samples take the seed itself).
    static let riskProbeStream: UInt64 = 1

    /// `steps` Adam steps from the start on every measurement of `problem`, with no stopping rule: the same fit, bit
    /// for bit, as `--stop iterations --iterations steps`.
    func refit(problem: InverseProblem, steps: Int, progress: (SolverProgress) throws -> Void) throws -> SolverResult {
        try INRSolver(network: start.network, problem: problem, options: fixedBudget(steps)).run(progress: progress)
    }

    /// The solver's options for `steps` steps of these settings from ``start``, with no stopping rule.
    private func fixedBudget(_ steps: Int) -> SolverOptions {
        SolverOptions(iterations: steps, adam: .init(learningRate: settings.learningRate), evaluateEvery: settings.evaluateEvery,
                      chunkRows: settings.chunkRows, threads: settings.threads, frozenParameterCount: start.frozenParameterCount)
    }

    /// The iterate `rule` keeps from `solve`, its step and the reason in words.
    static func choice(_ rule: StoppingRule, solve: SolverResult, budget: Int) -> (Image, Int, String) {
        let last = solve.trace.last?.iteration ?? 0
        switch rule {
        case .iterations:
            return (solve.finalImage, last, "the last iterate of the \(budget)-step budget")
        case .discrepancy:
            if solve.stoppedEarly, let stop = solve.discrepancyStop {
                let d = solve.trace.last { $0.iteration == stop }?.discrepancy ?? .nan
                return (solve.finalImage, stop, "the first iterate whose residual reached the noise level (discrepancy \(format(d)) ≤ 1)")
            }
            let least = solve.trace.compactMap { entry in entry.discrepancy.map { (entry.iteration, $0) } }.min { $0.1 < $1.1 }
            return (solve.finalImage, last, "the discrepancy never fell to 1 within the budget (least \(format(least?.1 ?? .nan)) at step \(least?.0 ?? 0)): the last iterate; a larger --iterations may reach it")
        case let .validation(fraction):
            guard let chosen = solve.validationChoice, let least = solve.leastHeldOutLoss else {
                return (solve.finalImage, last, "the last iterate (no held-out loss was measured)")
            }
            let stillFalling = !solve.stoppedEarly && least.iteration == last
            return (chosen.image, chosen.entry.iteration,
                    "the latest iterate whose loss on the \(format(100 * fraction)) % of measurement positions held out of the fit "
                        + "(\(format(chosen.entry.heldOutLoss ?? .nan))) exceeds the least (\(format(least.heldOutLoss ?? .nan)) at step \(least.iteration)) "
                        + "by at most one standard error of the difference (\(format(chosen.entry.heldOutExcessError ?? 0)))"
                        + (stillFalling ? "; it was still falling when the budget ended, so a larger --iterations may do better" : ""))
        case .sure:
            guard let least = solve.leastRisk else {
                return (solve.finalImage, last, "the last iterate (no risk was estimated)")
            }
            let stillFalling = !solve.stoppedEarly && least.entry.iteration == last
            return (least.image, least.entry.iteration,
                    "the iterate of least Stein risk estimate (SURE: the image's mean squared error estimated from y and σ, "
                        + "\(format(least.medianRisk)) as the median of five consecutive steps', with \(format(least.entry.degreesOfFreedom ?? .nan)) "
                        + "degrees of freedom measured by a twin fit of y plus a seeded perturbation)"
                        + (stillFalling ? "; it was still falling when the budget ended, so a larger --iterations may do better" : ""))
        }
    }

    /// The baselines of ``Settings/baselineSpecs`` as given (one that cannot apply to the operator is an error), or
    /// else every registered baseline that applies to the operator, with default parameters, and the noise level
    /// where it is known (given or estimated): TV's weight σ (about right for denoising; the suite's problem files
    /// use the same), BM3D's σ, plug-and-play's σ_n.
    func baselines() throws -> [BaselineResult] {
        var results = [BaselineResult]()
        let shape = geometry.imageShape
        for spec in settings.baselineSpecs ?? baselineRegistry.names.map(defaultBaseline) {
            let baseline = try baselineRegistry.make(spec, context: BuildContext(shape: shape))
            let start = DispatchTime.now().uptimeNanoseconds
            let pixels: [Float]
            do {
                pixels = try baseline.reconstruct(measurement.pixels, through: geometry.forward)
            } catch is BaselineError where settings.baselineSpecs == nil {
                continue
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            results.append(BaselineResult(name: spec["name"].map { "\($0)" } ?? "baseline", description: baseline.description,
                                          image: Image(height: shape.height, width: shape.width, channels: shape.channels, pixels: pixels),
                                          seconds: seconds))
        }
        return results
    }

    /// The registered baseline `name` with the noise level where it takes one and it is known.
    private func defaultBaseline(_ name: String) -> ParameterMap {
        var spec: ParameterMap = ["name": .string(name)]
        if let sigma = noise.sigma {
            switch name {
            case "tv": spec["weight"] = .number(sigma)
            case "bm3d": spec["sigma"] = .number(sigma)
            case "pnp": spec["noise"] = .number(sigma)
            default: break
            }
        }
        return spec
    }

    private static func format(_ value: Double) -> String { String(format: "%.4g", value) }
}

extension NoiseSetting {
    /// σ of a Gaussian noise model (given or estimated), else nil.
    var sigma: Double? { (model as? GaussianNoise)?.sigma }
}
