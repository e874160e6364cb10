/// The opponent colour transform of colour BM3D (Dabov et al., *Color image denoising via sparse 3-D collaborative
/// filtering with grouping constraint in luminance-chrominance space*, ICIP 2007), as the reference `bm3d` package
/// applies it (`colorspace='opp'`):
///
///     [o₁]   [1/3   1/3   1/3] [R]
///     [o₂] = [1/2    0   −1/2] [G]
///     [o₃]   [1/4  −1/2   1/4] [B]
///
/// `o₁` is the luminance, on which the blocks are matched. White noise of standard deviation σ in each of R, G, B
/// becomes white noise of σ·‖row‖ in each opponent channel: σ/√3, σ/√2 and σ·√(3/8).
enum OpponentColor {
    static let forwardMatrix: [[Float]] = [[1 / 3, 1 / 3, 1 / 3], [1 / 2, 0, -1 / 2], [1 / 4, -1 / 2, 1 / 4]]
    /// The inverse of ``forwardMatrix``.
    static let inverseMatrix: [[Float]] = [[1, 1, 2 / 3], [1, 0, -4 / 3], [1, -1, 2 / 3]]

    /// The noise standard deviation of each opponent channel when R, G and B each carry σ.
    static func channelSigmas(_ sigma: Float) -> [Float] {
        forwardMatrix.map { row in sigma * row.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    }

    /// The interleaved RGB `samples` of a `height × width` image as opponent planes.
    static func planes(fromRGB samples: [Float], height: Int, width: Int) -> ChannelPlanes {
        let pixels = height * width
        var planes = [Float](repeating: 0, count: 3 * pixels)
        for p in 0..<pixels {
            for (c, row) in forwardMatrix.enumerated() {
                planes[c * pixels + p] = row[0] * samples[3 * p] + row[1] * samples[3 * p + 1] + row[2] * samples[3 * p + 2]
            }
        }
        return ChannelPlanes(height: height, width: width, channels: 3, samples: planes)
    }

    /// Opponent planes back to interleaved RGB samples.
    static func rgbSamples(from planes: ChannelPlanes) -> [Float] {
        let pixels = planes.height * planes.width, o = planes.samples
        var samples = [Float](repeating: 0, count: 3 * pixels)
        for p in 0..<pixels {
            for (c, row) in inverseMatrix.enumerated() {
                samples[3 * p + c] = row[0] * o[p] + row[1] * o[pixels + p] + row[2] * o[2 * pixels + p]
            }
        }
        return samples
    }
}
