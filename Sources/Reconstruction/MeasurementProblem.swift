import Baselines
import Foundation
import Imaging
import INR
import Operators
import Priors
import Problems
import Reporting
import Solver

/// A measurement problem file (``Problems/MeasurementProblemSpec``) made ready to run: its stopping rule parsed and
/// its prior files read, paths resolved against the file's folder, so that a mistake in it is reported before the
/// first fit. ``reconstruct(_:threads:memory:progress:)`` then reconstructs one of its measurements from every prior,
/// with the baselines once beside them (run first); each measurement gets its own grid from its file and the operator.
public struct MeasurementProblem {
    /// A prior the fits start from.
    public struct Start {
        /// The prior's name in tables and file names.
        public let label: String
        /// What the prior is, in a few words (for a file: its kind, name and training).
        public let description: String
        /// The prior file, nil for a random start.
        let prior: PriorFile?
        let transfer: EncoderTransfer
        /// Seeds a random start's draw (and a prior file's random decoder).
        let seed: UInt64

        /// The network a fit on a grid of `channels` starts from: `network`'s random draw, or the prior file's
        /// architecture with `channels` outputs seeded from it.
        func initialization(channels: Int, network: NetworkSpec) throws -> Initialization {
            guard let prior else {
                return try RandomPrior().initialization(for: try network.architecture(outputs: channels), seed: seed)
            }
            var architecture = prior.architecture
            architecture.dimensions[architecture.dimensions.count - 1] = channels
            return try prior.prior(transfer: transfer).initialization(for: architecture, seed: seed)
        }
    }

    /// One measurement's reconstructions, one per prior, and the baselines beside them.
    public struct Result {
        /// The measurement file's name without extension.
        public let name: String
        public let measurement: Image
        public let geometry: MeasurementGeometry
        public let noise: NoiseSetting
        public let reference: Image?
        public let fits: [(label: String, outcome: Reconstruction.Outcome)]
        public let baselines: [Reconstruction.BaselineResult]

        /// Its report: the table of every prior's kept iterate and every baseline, their curves and images.
        public func report(title: String, facts: [(name: String, value: String)]) throws -> ReconstructionReport {
            try ReconstructionReport(title: title, facts: facts, measurement: measurement, reference: reference,
                                     fits: fits.map { (Optional($0.label), $0.outcome) }, baselines: baselines)
        }
    }

    public let spec: MeasurementProblemSpec
    /// The problem file.
    public let file: URL
    /// The rule that keeps each fit's iterate; nil: hold-out validation.
    public let stop: StoppingRule?
    public let starts: [Start]

    /// Reads and checks the measurement problem at `url`: its values (``Problems/MeasurementProblemSpec/read(_:)``),
    /// its stopping rule, and each prior file, which must lie beside the problem file or in `trustedFolders`.
    public static func load(_ url: URL, trustedFolders: [URL]) throws -> MeasurementProblem {
        let spec = try MeasurementProblemSpec.read(url)
        var stop: StoppingRule?
        if let text = spec.stop {
            do {
                stop = try StoppingRule(parsing: text)
            } catch {
                throw ProblemError(url, key: "stop", "is '\(text)'; expected iterations, discrepancy, validation or validation:F with 0 < F < 1")
            }
        }
        if stop == .discrepancy, case .string("none")? = spec.noiseSpec?["name"] {
            throw ProblemError(url, key: "stop", "is 'discrepancy', which compares the residual with the noise level, "
                + "but the noise is 'none'; give the noise (or leave it out to estimate σ), or stop by validation or iterations")
        }
        var starts: [Start] = []
        for (index, recipe) in spec.priors.enumerated() {
            let transfer = EncoderTransfer(layers: recipe.transferLayers, freezing: recipe.freezeLayers.map { .firstLayers($0) } ?? .none)
            switch recipe.source {
            case let .random(seed):
                starts.append(Start(label: recipe.label, description: "a random \(spec.network.family) \(spec.network.layers)×\(spec.network.width) (seed \(seed))",
                                    prior: nil, transfer: transfer, seed: seed))
            case let .file(path):
                let key = "priors[\(index)].file"
                let location = try Problem.priorFile(path, of: url, key: key, trustedFolders: trustedFolders)
                let prior: PriorFile
                do { prior = try PriorFile.read(location) } catch { throw ProblemError(url, key: key, "\(error)") }
                if case .network = prior.content, recipe.transferLayers != nil || recipe.freezeLayers != nil {
                    throw ProblemError(url, key: "priors[\(index)]",
                                       "transfer_layers and freeze_layers apply to STRAINER priors; \(path) is a whole \(prior.kind.rawValue) network")
                }
                let training = prior.provenance.map { " trained on \($0.imageNames.count) image(s) of \($0.dataset)/\($0.split), \($0.iterations) steps" } ?? ""
                starts.append(Start(label: recipe.label, description: "\(prior.kind.rawValue) prior \(location.lastPathComponent)\(training)",
                                    prior: prior, transfer: transfer, seed: spec.seed))
            case .trained:
                preconditionFailure("MeasurementProblemSpec admits random and file priors only")
            }
        }
        return MeasurementProblem(spec: spec, file: url, stop: stop, starts: starts)
    }

    /// `path` resolved against the problem file's folder unless absolute.
    public func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : file.deletingLastPathComponent().appendingPathComponent(path)
    }

    /// Reconstructs measurement `index` from every prior in turn (the baselines once, before the fits),
    /// reporting each step to `progress` with the prior's label. Each fit's memory stays within `memory`.
    public func reconstruct(_ index: Int, threads: Int = ComputeThreads.available, memory: MemoryBudget,
                            progress: (String, SolverProgress, Reconstruction.Phase) throws -> Void = { _, _, _ in }) throws -> Result {
        let entry = spec.measurements[index]
        let measurementURL = resolve(entry.file)
        let y = try MeasurementFile.read(measurementURL)
        let key = "measurements[\(index)]"
        let geometry = try MeasurementGeometry(
            measurement: ImageShape(of: y), file: measurementURL.path, operatorSpec: spec.operatorSpec,
            requestedSize: try entry.shape.map { text in
                guard let size = MeasurementGeometry.size(parsing: text) else {
                    throw ProblemError(file, key: "\(key).shape", "is '\(text)'; expected height×width such as 256x256")
                }
                return size
            },
            baseDirectory: file.deletingLastPathComponent())
        let noise = try NoiseSetting(spec: spec.noiseSpec, measurement: y, forward: geometry.forward)
        let reference = try entry.reference.map { try ImageFile.read(resolve($0)) }
        var fits: [(label: String, outcome: Reconstruction.Outcome)] = []
        var baselines: [Reconstruction.BaselineResult] = []
        for (position, start) in starts.enumerated() {
            let initialization = try start.initialization(channels: geometry.imageShape.channels, network: spec.network)
            let chunkRows = try memory.chunkRows(pixels: geometry.imageShape.pixelCount, channels: geometry.imageShape.channels,
                                                 architecture: initialization.network.architecture)
            let reconstruction = try Reconstruction(
                measurement: y, geometry: geometry, noise: noise, start: initialization,
                settings: .init(iterations: spec.solver.iterations, learningRate: Float(spec.solver.learningRate), stop: stop,
                                seed: spec.seed, chunkRows: chunkRows, threads: threads, evaluateEvery: spec.solver.evaluateEvery,
                                runsBaselines: false, baselineSpecs: spec.baselines),
                reference: reference, referenceFile: entry.reference ?? "\(key).reference")
            if position == 0 {
                // First, so that a baseline the operator cannot take is reported before any fit.
                do {
                    baselines = try reconstruction.baselines()
                } catch let error as OperatorError {
                    throw ProblemError(file, key: "baselines", "\(error)")
                } catch let error as BaselineError {
                    throw ProblemError(file, key: "baselines", "\(error)")
                }
            }
            fits.append((start.label, try reconstruction.run { try progress(start.label, $0, $1) }))
        }
        return Result(name: measurementURL.deletingPathExtension().lastPathComponent, measurement: y, geometry: geometry,
                      noise: noise, reference: reference, fits: fits, baselines: baselines)
    }
}
