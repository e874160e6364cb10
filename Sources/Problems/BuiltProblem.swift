import Baselines
import Foundation
import Operators

/// A problem file read, changed by a command line's ``ProblemOverrides``, checked, and with the objects its check
/// built: the forward operator, the noise model and the baselines. Building them is how `operator:`, `noise:` and
/// `baselines:` are checked (a registry's builder is what knows its parameters), and a run uses the ones built here,
/// so each is built once.
public struct BuiltProblem {
    public let problem: Problem
    /// The forward operator `A` for `size × size × channels` images (applying it is not thread-safe; see `LinearOperator`).
    public let forward: any LinearOperator
    /// The noise model; nil for noiseless measurements.
    public let noise: (any NoiseModel)?
    /// Each entry of `baselines:`, in order, with the reconstructor it names.
    public let baselines: [(parameters: ParameterMap, reconstructor: any Reconstructor)]
    /// What built them (and builds ``separateOperator()`` and ``ProblemSetup``'s objects).
    let builders: ProblemBuilders

    /// Reads the problem file at `url`, applies `overrides`, checks the result (its values, the datasets, splits and
    /// images it names against `catalog`, its id against the file's name) and builds its objects with `builders`.
    public init(file url: URL, catalog: DatasetCatalog, overrides: ProblemOverrides = ProblemOverrides(),
                builders: ProblemBuilders = .standard) throws {
        try self.init(text: try ProblemFileReading.text(of: url), file: url, catalog: catalog, overrides: overrides, builders: builders)
        try ProblemFileReading.checkID(problem.spec.id, of: url)
    }

    /// The problem whose file text is `text`, built as ``init(file:catalog:overrides:builders:)`` builds it but for
    /// the id, which is not checked against the file's name.
    init(text: String, file url: URL, catalog: DatasetCatalog, overrides: ProblemOverrides = ProblemOverrides(),
         builders: ProblemBuilders = .standard) throws {
        let written = try ProblemFileReading.decode(ProblemSpec.self, from: text, file: url)
        problem = Problem(spec: try overrides.applied(to: written), file: url)
        try problem.check(catalog: catalog)
        self.builders = builders
        forward = try Self.makeOperator(of: problem, with: builders)
        noise = try Self.makeNoise(of: problem, for: forward, with: builders)
        baselines = try problem.spec.baselines.enumerated().map { [problem] index, parameters in
            do {
                return (parameters, try builders.makeBaseline(parameters, problem.buildContext))
            } catch {
                throw ProblemError(problem.file, key: "baselines[\(index)]", "\(error)")
            }
        }
    }

    /// Another operator like ``forward``, for a fit running beside others: an operator works in buffers of its own,
    /// so one instance serves one thread at a time.
    public func separateOperator() throws -> any LinearOperator {
        try Self.makeOperator(of: problem, with: builders)
    }

    /// The forward operator `problem` names.
    private static func makeOperator(of problem: Problem, with builders: ProblemBuilders) throws -> any LinearOperator {
        do {
            return try builders.makeOperator(problem.spec.operatorSpec, problem.buildContext)
        } catch {
            throw ProblemError(problem.file, key: "operator", "\(error)")
        }
    }

    /// The noise model `problem` names, nil for noiseless measurements; an error when it cannot corrupt `forward`'s output.
    private static func makeNoise(of problem: Problem, for forward: any LinearOperator,
                                  with builders: ProblemBuilders) throws -> (any NoiseModel)? {
        guard let noiseSpec = problem.spec.noiseSpec else { return nil }
        let noise: any NoiseModel
        do {
            noise = try builders.makeNoise(noiseSpec, problem.buildContext)
        } catch {
            throw ProblemError(problem.file, key: "noise", "\(error)")
        }
        if forward.outputIsComplex && !noise.appliesToComplexMeasurements {
            throw ProblemError(problem.file, key: "noise.name",
                               "\(noise) models intensities and cannot corrupt the complex measurement of \(forward); expected gaussian or uniform")
        }
        return noise
    }
}
