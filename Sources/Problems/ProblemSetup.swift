import Foundation
import INR
import Imaging
import Operators
import SeededRandom
import Solver

/// One clean image of a problem and its simulated measurement.
public struct ProblemInstance: Sendable {
    /// Index of the image in the problem (its noise stream).
    public let index: Int
    /// The clean image `x` and where it came from.
    public let truth: PreparedImage
    /// `y = noise(A x)`, laid out as the operator's `outputShape`.
    public let measurement: [Float]
    /// The seed its noise was drawn from: `SeedSequence.derive(spec.seed, stream: index)`.
    public let noiseSeed: UInt64
}

/// A problem made concrete for a run: the one translation from a problem file, with a command line's changes as
/// data, to everything a run of it needs, each object built once — the checked problem with its operator, noise and
/// baselines (``BuiltProblem``), the network's architecture, the solver's options (the schedule among them), and the
/// clean images (dataset images verified against their manifest and prepared, the phantom, or a user's image in
/// their place) with their measurements `y = noise(A x)`, the noise of image `k` drawn from
/// `SeedSequence.derive(seed, stream: k)`.
public struct ProblemSetup {
    /// The problem and the objects its check built.
    public let built: BuiltProblem
    /// The network the fits use, with the problem's channels as outputs.
    public let architecture: Architecture
    /// How each fit runs (``SolverSettings/solverOptions``).
    public let options: SolverOptions
    public let instances: [ProblemInstance]

    /// The checked problem.
    public var problem: Problem { built.problem }
    /// The forward operator `A` (applying it is not thread-safe; see `LinearOperator`).
    public var forward: any LinearOperator { built.forward }
    /// The noise model; nil for noiseless measurements.
    public var noise: (any NoiseModel)? { built.noise }

    /// Sets `built` up with the builders that built it: the ground truth it names, or the image file `imageOverride`
    /// prepared to the problem's size and channels in its place; the architecture, the solver's options; then the
    /// measurements.
    public init(_ built: BuiltProblem, catalog: DatasetCatalog, imageOverride: URL? = nil) throws {
        let spec = built.problem.spec
        let preparation = ImagePreparation(size: spec.size, channels: spec.channels, method: spec.preparation)
        let truths: [PreparedImage]
        if let imageOverride {
            truths = [try preparation.load(imageOverride)]
        } else {
            switch spec.groundTruth {
            case let .dataset(selection):
                truths = try preparation.load(selection, from: catalog)
            case let .phantom(phantom):
                truths = [try Self.render(phantom, side: spec.size, preparation: preparation)]
            }
        }
        self.built = built
        architecture = try built.builders.makeArchitecture(spec.network, spec.channels, nil)
        options = built.builders.makeSolverOptions(spec.solver)
        instances = try truths.enumerated().map { [forward = built.forward, noise = built.noise] index, truth in
            let seed = SeedSequence.derive(spec.seed, stream: UInt64(index))
            return ProblemInstance(index: index, truth: truth,
                                   measurement: try simulateMeasurement(of: truth.image.pixels, through: forward, noise: noise, seed: seed),
                                   noiseSeed: seed)
        }
    }

    /// The network a learned prior of `recipe` trains: the problem's, its first `recipe.sharedLayers` layers shared
    /// (default: all but the last), made by the builders that made the rest.
    public func priorArchitecture(for recipe: TrainedPriorRecipe) throws -> Architecture {
        try built.builders.makeArchitecture(problem.spec.network, problem.spec.channels, recipe.sharedLayers)
    }

    /// A phantom rasterised on a `side × side` grid, with the prepared channels.
    static func render(_ phantom: Phantom, side: Int, preparation: ImagePreparation) throws -> PreparedImage {
        switch phantom {
        case .sheppLogan:
            let image = Image(height: side, width: side, channels: 1, pixels: SheppLogan.image(height: side, width: side))
            return PreparedImage(name: phantom.rawValue, image: try preparation.apply(image), sha256: nil)
        }
    }
}
