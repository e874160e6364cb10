import INR

/// The memory an INR fit holds: what does not depend on how its passes are chunked — 8 + 24·C bytes a pixel for the
/// coordinates, the image, its gradient, the network output and the measurement's scratch buffers, and 12 bytes a
/// parameter for θ and Adam's two moments — plus the workspace of one chunk, ``INR/Workspace/bytesPerRow(of:)`` a
/// row (≈ 10 KB for the 6 × 256 SIREN). The suite's measured peaks (README, "Reconstructing your own measurement":
/// 715 MiB at 256 × 256 RGB) lie within this count and the process's own few hundred MiB.
public struct FitMemory: Sendable, Equatable {
    /// The bytes that do not depend on the chunk.
    public let fixedBytes: Int
    /// The workspace's bytes per row of a chunk.
    public let bytesPerRow: Int
    /// Rows in the grid.
    public let pixels: Int

    /// The count for a fit of `architecture` on `pixels` pixels of `channels` channels.
    public init(pixels: Int, channels: Int, architecture: Architecture) {
        fixedBytes = pixels * (8 + 24 * channels) + 12 * ParameterLayout(architecture).count
        bytesPerRow = Workspace.bytesPerRow(of: architecture)
        self.pixels = pixels
    }

    /// The bytes of the fit with its passes `chunkRows` rows at a time (nil: the whole grid at once).
    public func bytes(chunkRows: Int? = nil) -> Int {
        fixedBytes + min(chunkRows ?? pixels, pixels) * bytesPerRow
    }
}
