import Foundation
import INR
import Imaging

/// The images a prior learns from: all of one size and channel count, as fitting targets in [−1, 1] on one
/// shared coordinate grid, each with its name and the SHA-256 of its samples for the prior's provenance.
public struct TrainingSet: Sendable {
    /// Image names, in order.
    public let names: [String]
    /// Per image, N × C targets `2x − 1` of the intensities x ∈ [0, 1].
    public let targets: [Matrix]
    /// The grid shared by every image: N × 2 rows of (y, x) in [−1, 1].
    public let coordinates: Matrix
    public let height: Int
    public let width: Int
    public let channels: Int
    /// Per image, the SHA-256 of its source file's bytes when known (recorded in prior files).
    public let digests: [String]

    /// Builds the set; images of different sizes or channel counts are refused (bring them to one first, e.g. with
    /// `--size` and `--channels`): a shared encoder is trained on one coordinate grid with one output width.
    public init(images: [(name: String, image: Image)], digests: [String]? = nil) throws {
        guard let first = images.first?.image else {
            throw PriorError("training images", "none given; a prior needs at least one image (K ≥ 1)")
        }
        for (name, image) in images where !image.hasSameShape(as: first) {
            throw PriorError("training image \(name)",
                             "is \(image.shapeDescription) but the first is \(first.shapeDescription); training images must share one size and channel count (bring them to one with --size N and --channels gray|rgb)")
        }
        if let digests, digests.count != images.count {
            throw PriorError("training digests", "\(digests.count) given for \(images.count) images")
        }
        names = images.map(\.name)
        height = first.height
        width = first.width
        channels = first.channels
        coordinates = try Matrix.coordinates(height: first.height, width: first.width)
        targets = try images.map { try Matrix(targetsOf: $0.image) }
        self.digests = digests ?? images.map { SHA256.hexDigest(of: $0.image.pixels.withUnsafeBytes { Data($0) }) }
    }

    /// The images at `indices` of `set`.
    init(subsetOf set: TrainingSet, indices: [Int]) {
        names = indices.map { set.names[$0] }
        targets = indices.map { set.targets[$0] }
        digests = indices.map { set.digests[$0] }
        coordinates = set.coordinates
        height = set.height
        width = set.width
        channels = set.channels
    }

    /// Number of images, K.
    public var count: Int { targets.count }
}
