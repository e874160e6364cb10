import Foundation
import Imaging
import Operators
import SeededRandom

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

/// A problem made concrete: its clean images (dataset images verified against their manifest and prepared, the
/// phantom, or a user's image in their place), the operator `A`, the noise model and each image's measurement
/// `y = noise(A x)`, the noise of image `k` drawn from `SeedSequence.derive(seed, stream: k)`.
public struct ProblemSetup {
    public let problem: Problem
    /// The forward operator `A` (applying it is not thread-safe; see `LinearOperator`).
    public let forward: any LinearOperator
    /// The noise model; nil for noiseless measurements.
    public let noise: (any NoiseModel)?
    public let instances: [ProblemInstance]

    /// Sets `problem` up: the ground truth it names, or the image file `imageOverride` prepared to the problem's
    /// size and channels in its place; then the measurements.
    public init(problem: Problem, catalog: DatasetCatalog, imageOverride: URL? = nil) throws {
        let spec = problem.spec
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
        self.problem = problem
        forward = try problem.makeOperator()
        noise = try problem.makeNoise(for: forward)
        instances = try truths.enumerated().map { [forward, noise] index, truth in
            let seed = SeedSequence.derive(spec.seed, stream: UInt64(index))
            return ProblemInstance(index: index, truth: truth,
                                   measurement: try simulateMeasurement(of: truth.image.pixels, through: forward, noise: noise, seed: seed),
                                   noiseSeed: seed)
        }
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
