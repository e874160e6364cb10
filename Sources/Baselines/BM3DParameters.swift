/// The settings of BM3D's two stages: the published ones (Dabov, Foi, Katkovnik, Egiazarian, *Image denoising by
/// sparse 3-D transform-domain collaborative filtering*, IEEE TIP 2007, section VI, "normal profile") by default.
///
/// Distances and thresholds are for intensities in [0, 1]: the paper's `τ_match` (for 0…255) divided by 255².
/// Above σ = 40/255 the paper changes some settings (``published(sigma:)``).
public struct BM3DParameters: Sendable, Equatable {
    /// A separable 2-D transform of the blocks (``SeparableBlockTransform``).
    public enum BlockTransform: Sendable, Equatable {
        /// The biorthogonal spline wavelet bior1.5, full dyadic decomposition, rows of unit norm.
        case biorthogonalSpline
        /// The orthonormal DCT-II.
        case cosine
    }

    /// Spacing `N_step` of the reference blocks, in pixels (the last row and column of blocks are always added).
    public var step = 3
    /// Half side of the search window `N_S = 39`.
    public var searchRadius = 19
    /// Most blocks in a hard-thresholding group, `N₂ = 16`.
    public var hardThresholdingGroupSize = 16
    /// Most blocks in a Wiener group, `N₂ = 32`.
    public var wienerGroupSize = 32
    /// `τ_match` of the hard-thresholding stage, 2500/255², on the noisy image.
    public var hardThresholdingMatchThreshold: Float = 2500 / (255 * 255)
    /// `τ_match` of the Wiener stage, 400/255², on the first estimate.
    public var wienerMatchThreshold: Float = 400 / (255 * 255)
    /// `λ_3D`: coefficients of the 3-D transform below `λ_3D · σ` are set to 0.
    public var thresholdFactor: Float = 2.7
    /// β of the Kaiser window that weights each block put back.
    public var kaiserBeta = 2.0
    /// `T_2D^ht`, the 2-D transform of the hard-thresholding stage: bior1.5 (the Wiener stage's, `T_2D^wie`, is
    /// always the DCT). On 64 × 64 faces at σ = 0.1 the DCT here gives 0.2–0.25 dB less (measured).
    public var hardThresholdingTransform = BlockTransform.biorthogonalSpline

    /// The normal profile.
    public init() {}

    /// Up to σ = 40/255 the normal profile; above it the paper's settings for strong noise, `τ_match = 5000/255²`
    /// (the noise alone puts two blocks `2σ² ≥ 3200/255²` apart, so 2500 would leave most groups one block),
    /// `λ_3D = 2.8`, the 2-D DCT as `T_2D^ht` and `τ_match = 3500/255²` in the Wiener stage (on a 64 × 64 Kodak crop
    /// at σ = 0.2, bior1.5 there gives 0.25 dB less, measured). The paper's larger blocks (12 × 12 and 11 × 11)
    /// and its 2-D prefilter before matching (`λ_2D = 2`) are not taken: this implementation keeps `N₁ = 8`, and with
    /// 8 × 8 blocks the prefilter cost 0.3–0.6 dB on Kodak crops at σ = 0.2 (measured), where matching the noisy
    /// blocks comes within 0.1 dB of the reference package. `sigma` is the noise of the plane the blocks are
    /// matched on (the luminance, for colour).
    public static func published(sigma: Double) -> BM3DParameters {
        var parameters = BM3DParameters()
        guard sigma > 40.0 / 255 else { return parameters }
        parameters.hardThresholdingMatchThreshold = 5000 / (255 * 255)
        parameters.thresholdFactor = 2.8
        parameters.hardThresholdingTransform = .cosine
        parameters.wienerMatchThreshold = 3500 / (255 * 255)
        return parameters
    }
}
