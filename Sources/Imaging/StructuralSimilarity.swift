import Foundation

extension ImageMetrics {
    /// Standard deviation of the SSIM Gaussian window.
    public static let ssimSigma = 1.5
    /// Radius of the window: `⌊3.5 σ + ½⌋ = 5`, so the window is 11 × 11.
    public static let ssimRadius = Int(3.5 * ssimSigma + 0.5)

    /// Mean structural similarity (Wang, Bovik, Sheikh & Simoncelli 2004), exactly as scikit-image's
    /// `structural_similarity(…, gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=dataRange)`
    /// (with `channel_axis=-1` for colour).
    ///
    /// Per channel, with `G` the normalised Gaussian `exp(−t²/2σ²)`, σ = 1.5, on `t = −5…5` (11 × 11, separable):
    /// local means `μx = G∗x`, `μy = G∗y`, population (co)variances `σx² = G∗x² − μx²`, `σy² = G∗y² − μy²`,
    /// `σxy = G∗(xy) − μx μy`, and
    /// `S = (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))`, `C1 = (0.01 L)²`, `C2 = (0.03 L)²`,
    /// `L = dataRange`. SSIM is the mean of `S` over the pixels at least 5 from every border (where the window
    /// lies inside the image, so no boundary rule is involved), and for colour the mean over channels.
    /// Needs at least 11 × 11 pixels.
    public static func ssim(_ reference: Image, _ test: Image, dataRange: Double = 1) throws -> Double {
        try requireComparable(reference, test)
        let window = 2 * ssimRadius + 1
        guard reference.height >= window, reference.width >= window else {
            throw ImagingError(.shapeMismatch,
                               "SSIM needs images of at least \(window)×\(window) pixels (its Gaussian window); images are \(reference.shapeDescription)")
        }
        let c1 = (0.01 * dataRange) * (0.01 * dataRange), c2 = (0.03 * dataRange) * (0.03 * dataRange)
        var total = 0.0
        for channel in 0..<reference.channels {
            let x = plane(reference, channel), y = plane(test, channel)
            let height = reference.height, width = reference.width
            let meanX = validGaussianFilter(x, height: height, width: width)
            let meanY = validGaussianFilter(y, height: height, width: width)
            let meanXX = validGaussianFilter(zip(x, x).map(*), height: height, width: width)
            let meanYY = validGaussianFilter(zip(y, y).map(*), height: height, width: width)
            let meanXY = validGaussianFilter(zip(x, y).map(*), height: height, width: width)
            var sum = 0.0
            for index in meanX.indices {
                let ux = meanX[index], uy = meanY[index]
                let vx = meanXX[index] - ux * ux, vy = meanYY[index] - uy * uy, vxy = meanXY[index] - ux * uy
                sum += ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2))
            }
            total += sum / Double(meanX.count)
        }
        return total / Double(reference.channels)
    }

    /// The normalised 1-D Gaussian window: `exp(−t²/2σ²) / Σ` for `t = −radius…radius`.
    static let ssimWindow: [Double] = {
        let taps = (-ssimRadius...ssimRadius).map { exp(-0.5 * Double($0 * $0) / (ssimSigma * ssimSigma)) }
        let sum = taps.reduce(0, +)
        return taps.map { $0 / sum }
    }()

    /// One channel of `image` as `Double`, row-major.
    private static func plane(_ image: Image, _ channel: Int) -> [Double] {
        (0..<image.pixelCount).map { Double(image.pixels[$0 * image.channels + channel]) }
    }

    /// `G ∗ values` at the pixels whose window lies inside the image: `(height − 10) × (width − 10)`, row-major.
    private static func validGaussianFilter(_ values: [Double], height: Int, width: Int) -> [Double] {
        let window = ssimWindow, radius = ssimRadius
        let validWidth = width - 2 * radius, validHeight = height - 2 * radius
        var alongRows = [Double](repeating: 0, count: height * validWidth)
        for row in 0..<height {
            for column in 0..<validWidth {
                var sum = 0.0
                for (k, weight) in window.enumerated() { sum += weight * values[row * width + column + k] }
                alongRows[row * validWidth + column] = sum
            }
        }
        var filtered = [Double](repeating: 0, count: validHeight * validWidth)
        for row in 0..<validHeight {
            for column in 0..<validWidth {
                var sum = 0.0
                for (k, weight) in window.enumerated() { sum += weight * alongRows[(row + k) * validWidth + column] }
                filtered[row * validWidth + column] = sum
            }
        }
        return filtered
    }
}
