import Foundation
import Operators

/// The image grid a measurement is reconstructed on, and the forward operator on it.
///
/// The grid comes from the measurement and the operator, never from a crop or a square resize
/// (``Operators/Registry/imageShape(_:measurement:)``): identity, blur and inpaint keep y's H × W; `downsample` and
/// `resize` by a factor f give fH × fW; `radon` gives the square N × N whose default detector count ⌈N√2⌉ is the
/// sinogram's width; `mri` gives k-space's H × W with half its channels. Where that does not fix the size (a
/// `resize` to a given height and width, a `radon` with a given detector count), `--shape H×W` must. The
/// operator built on the grid must map it onto exactly the measurement's shape.
public struct MeasurementGeometry {
    /// The reconstruction's shape.
    public let imageShape: ImageShape
    /// `A` on that grid.
    public let forward: any LinearOperator

    /// The most pixels a reconstruction may have (the network's activations take ≈ 10 KB a pixel per pass chunk).
    public static let largestPixelCount = 1 << 24

    /// `height×width` (or `HxW`) as two positive integers; nil for anything else.
    public static func size(parsing text: String) -> (height: Int, width: Int)? {
        let parts = text.lowercased().replacingOccurrences(of: "×", with: "x").split(separator: "x").map { Int($0) }
        guard parts.count == 2, let height = parts[0], let width = parts[1], height >= 1, width >= 1 else { return nil }
        return (height, width)
    }

    /// - Parameters:
    ///   - measurement: y's shape; `file` names it in errors.
    ///   - requestedSize: the image's height and width when given (`--shape`); its channels still follow y.
    ///   - baseDirectory: where relative kernel and mask paths of `operatorSpec` are found.
    public init(measurement: ImageShape, file: String, operatorSpec: ParameterMap,
                requestedSize: (height: Int, width: Int)? = nil, baseDirectory: URL) throws {
        let inferred = try operatorRegistry.imageShape(operatorSpec, measurement: measurement)
        let name = operatorSpec["name"].map { "\($0)" } ?? "?"
        let shape: ImageShape
        if let requestedSize {
            shape = ImageShape(height: requestedSize.height, width: requestedSize.width, channels: inferred?.channels ?? measurement.channels)
        } else if let inferred {
            shape = inferred
        } else {
            throw ReconstructionError.sizeNeeded(operatorName: name, measurement: measurement.description)
        }
        guard shape.height >= 1, shape.width >= 1, shape.pixelCount <= Self.largestPixelCount else {
            throw ReconstructionError.tooLarge(what: "the image grid", size: "\(shape.height)×\(shape.width)",
                                               limit: "\(Self.largestPixelCount) pixels (4096×4096)")
        }
        let forward = try operatorRegistry.make(operatorSpec, context: BuildContext(shape: shape, baseDirectory: baseDirectory))
        guard forward.outputShape == measurement else {
            throw ReconstructionError.shapeMismatch(
                file: file, found: measurement.description,
                expected: "\(forward) on a \(shape) image measures \(forward.outputShape)")
        }
        imageShape = shape
        self.forward = forward
    }
}
