import Imaging

/// How an image meets a coordinate network: inputs on the `linspace(−1, 1)` grid, targets `2x − 1`, and a
/// network output mapped back to intensities by clipping to [−1, 1] and `(y + 1)/2` (as the PyTorch peers do).
extension Matrix {
    /// The N × 2 coordinates (y, x) ∈ [−1, 1]² of a `height × width` image, in raster order.
    public static func coordinates(height: Int, width: Int) throws -> Matrix {
        try Matrix(rows: height * width, columns: 2, values: CoordinateGrid.make(height: height, width: width))
    }

    /// The N × C fitting targets `2x − 1` of `image`'s intensities.
    public init(targetsOf image: Image) throws {
        try self.init(rows: image.pixelCount, columns: image.channels, values: image.pixels.map { 2 * $0 - 1 })
    }
}

extension Image {
    /// The image a network output (N × C, N = `height · width`) represents: `(clip(y, −1, 1) + 1)/2`.
    public init(networkOutput output: Matrix, height: Int, width: Int) {
        self.init(height: height, width: width, channels: output.columns,
                  pixels: output.values.map { (min(max($0, -1), 1) + 1) / 2 })
    }
}
