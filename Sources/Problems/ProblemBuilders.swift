import Baselines
import INR
import Operators
import Solver

/// How a problem's specifications become the objects a run uses: the operator and the noise model (their
/// registries), the baselines (theirs), the network's architecture (``NetworkSpec/architecture(outputs:encoderDepth:)``)
/// and the solver's options (``SolverSettings/solverOptions``). ``standard`` is what every run uses; a caller may wrap
/// it to watch what a run builds (the tests count that each object is built once).
public struct ProblemBuilders: Sendable {
    public var makeOperator: @Sendable (ParameterMap, BuildContext) throws -> any LinearOperator
    public var makeNoise: @Sendable (ParameterMap, BuildContext) throws -> any NoiseModel
    public var makeBaseline: @Sendable (ParameterMap, BuildContext) throws -> any Reconstructor
    /// The network's architecture for its number of output channels, sharing its first `encoderDepth` layers
    /// when a learned prior trains it (nil: the default, all but the last).
    public var makeArchitecture: @Sendable (NetworkSpec, _ outputs: Int, _ encoderDepth: Int?) throws -> Architecture
    public var makeSolverOptions: @Sendable (SolverSettings) -> SolverOptions

    /// The registries and the specifications' own translations.
    public static let standard = ProblemBuilders(
        makeOperator: { try operatorRegistry.make($0, context: $1) },
        makeNoise: { try noiseRegistry.make($0, context: $1) },
        makeBaseline: { try baselineRegistry.make($0, context: $1) },
        makeArchitecture: { try $0.architecture(outputs: $1, encoderDepth: $2) },
        makeSolverOptions: { $0.solverOptions })
}
