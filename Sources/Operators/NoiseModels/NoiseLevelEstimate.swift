import Foundation

/// The standard deviation σ of additive white Gaussian noise, estimated from a noisy image alone.
///
/// Liu, Tanaka and Okutomi's weak-texture estimator (*Single-image noise level estimation for blind denoising*,
/// IEEE TIP 2013), per channel:
/// 1. Every d × d patch (d = 7) is a vector p ∈ ℝ^{d²}. Its noise, white N(0, σ²I), adds σ² to every eigenvalue of
///    the patches' covariance, while the image occupies only some directions; so σ² is the smallest eigenvalue
///    of the covariance of patches without texture.
/// 2. A patch is *weak-textured* when its gradient energy t(p) = ‖D_h p‖² + ‖D_v p‖² (central differences
///    ½(p_{i,j+1} − p_{i,j−1}) inside the patch) is what noise alone would give: for a flat patch, t/σ² follows
///    tr(DᵀD)/r · χ²_r, with r = rank(DᵀD) = d² − 4 and tr(DᵀD) = d(d − 2), so patches with
///    t < σ² · tr(DᵀD)/r · χ²_r(1 − 10⁻⁶) are kept (χ² quantile by Wilson–Hilferty).
/// 3. Start from all patches, estimate σ², select, estimate again: three rounds.
/// Patches holding a sample at exactly 0 or 1 are left out when enough others remain: where an 8-bit image
/// saturates (a white background, a black coat), its noise is clipped, and those flat patches would be the first
/// ones chosen.
/// The smallest sample eigenvalue of n patches of white noise falls below σ² by the Marchenko–Pastur factor
/// (1 − √(d²/n))²; every estimate is divided by it. Channels are estimated one by one; the image's σ̂ is their
/// mean (the noise of a camera or of `simulate` has one σ for every channel).
///
/// It measures all the noise the image holds, its own grain included (independent noises add in variance), and
/// texture finer than a patch that looks like noise raises it; noise clipped at 0 and 1 over most of an image
/// lowers it.
public enum NoiseLevelEstimate {
    /// The patch side d.
    public static let patchSide = 7

    /// The smallest image side the estimator takes (enough patches for a covariance of d² × d²).
    public static let smallestSide = 16

    /// Patches beyond this count are taken at every second row and column (the estimate needs tens of thousands,
    /// not millions).
    static let densePatchLimit = 100_000

    /// Rounds of selection and estimation.
    static let rounds = 3

    /// Φ⁻¹(1 − 10⁻⁶): the confidence of the weak-texture test, as a standard normal quantile.
    static let selectionQuantile = 4.753424308817087

    /// σ̂ of each channel of the image `samples` of `shape` (interleaved, see ``ImageShape``).
    /// Throws when a side is below ``smallestSide``, the buffer does not match the shape, or a sample is not finite.
    public static func channelSigmas(_ samples: [Float], shape: ImageShape) throws -> [Double] {
        guard samples.count == shape.count else {
            throw OperatorError.shapeMismatch(what: "noise level estimate", expected: shape, got: "\(samples.count) samples")
        }
        guard shape.height >= smallestSide, shape.width >= smallestSide else {
            throw OperatorError.invalidParameter(
                owner: "noise level estimate", parameter: "image",
                message: "is \(shape.height)×\(shape.width); σ is estimated from images of at least \(smallestSide)×\(smallestSide) pixels")
        }
        guard samples.allSatisfy(\.isFinite) else {
            throw OperatorError.invalidParameter(owner: "noise level estimate", parameter: "image",
                                                 message: "holds a NaN or infinite sample; expected finite intensities")
        }
        return (0..<shape.channels).map { c in
            let plane = (0..<shape.pixelCount).map { Double(samples[$0 * shape.channels + c]) }
            return channelSigma(PatchField(plane: plane, height: shape.height, width: shape.width))
        }
    }

    /// σ̂ of the image: the mean of its channels' estimates.
    public static func sigma(_ samples: [Float], shape: ImageShape) throws -> Double {
        let sigmas = try channelSigmas(samples, shape: shape)
        return sigmas.reduce(0, +) / Double(sigmas.count)
    }

    /// The threshold factor tr(DᵀD)/r · χ²_r(1 − 10⁻⁶) of the weak-texture test, r = d² − 4, tr = d(d − 2).
    static var textureThresholdFactor: Double {
        let d = Double(patchSide), r = d * d - 4
        let a = 2 / (9 * r)
        let quantile = r * pow(1 - a + selectionQuantile * a.squareRoot(), 3)  // Wilson–Hilferty
        return d * (d - 2) / r * quantile
    }

    private static func channelSigma(_ field: PatchField) -> Double {
        let unsaturated = field.origins.indices.filter { !field.saturated[$0] }
        var selected = unsaturated.count >= 4 * field.dimension ? unsaturated : Array(field.origins.indices)
        var variance = field.smallestCovarianceEigenvalue(of: selected, origins: field.origins)
        for _ in 1..<rounds {
            let threshold = variance * textureThresholdFactor
            let kept = selected.filter { field.gradientEnergy[$0] < threshold }
            guard kept.count > 2 * field.dimension else { break }
            selected = kept
            variance = field.smallestCovarianceEigenvalue(of: selected, origins: field.origins)
        }
        return max(variance, 0).squareRoot()
    }
}

/// The d × d patches of one channel: their top-left corners and their gradient energies.
private struct PatchField {
    let plane: [Double]
    let width: Int
    let side = NoiseLevelEstimate.patchSide
    var dimension: Int { side * side }
    /// Top-left corner (row · width + column) of each patch used.
    let origins: [Int]
    /// ‖D_h p‖² + ‖D_v p‖² of each patch, central differences inside it.
    let gradientEnergy: [Double]
    /// Whether a patch holds a sample at exactly 0 or 1 (clipped, in an 8-bit image).
    let saturated: [Bool]

    init(plane: [Double], height: Int, width: Int) {
        self.plane = plane
        self.width = width
        let side = NoiseLevelEstimate.patchSide
        let rows = height - side + 1, columns = width - side + 1
        let stride = rows * columns > NoiseLevelEstimate.densePatchLimit ? 2 : 1
        var origins = [Int]()
        for i in Swift.stride(from: 0, to: rows, by: stride) {
            for j in Swift.stride(from: 0, to: columns, by: stride) { origins.append(i * width + j) }
        }
        self.origins = origins
        gradientEnergy = origins.map { origin in
            var energy = 0.0
            for a in 0..<side {
                for b in 1..<(side - 1) {
                    let horizontal = 0.5 * (plane[origin + a * width + b + 1] - plane[origin + a * width + b - 1])
                    let vertical = 0.5 * (plane[origin + (b + 1) * width + a] - plane[origin + (b - 1) * width + a])
                    energy += horizontal * horizontal + vertical * vertical
                }
            }
            return energy
        }
        saturated = origins.map { origin in
            (0..<side).contains { a in (0..<side).contains { b in
                let value = plane[origin + a * width + b]
                return value == 0 || value == 1
            } }
        }
    }

    /// The smallest eigenvalue of the sample covariance of the patches `selected`, divided by the
    /// Marchenko–Pastur factor (1 − √(d²/n))².
    func smallestCovarianceEigenvalue(of selected: [Int], origins: [Int]) -> Double {
        let p = dimension, n = selected.count
        var sum = [Double](repeating: 0, count: p)
        var products = [Double](repeating: 0, count: p * p)
        var patch = [Double](repeating: 0, count: p)
        plane.withUnsafeBufferPointer { plane in
            sum.withUnsafeMutableBufferPointer { sum in
                products.withUnsafeMutableBufferPointer { products in
                    patch.withUnsafeMutableBufferPointer { patch in
                        for index in selected {
                            let origin = origins[index]
                            for a in 0..<side { for b in 0..<side { patch[a * side + b] = plane[origin + a * width + b] } }
                            for k in 0..<p {
                                let value = patch[k]
                                sum[k] += value
                                for l in k..<p { products[k * p + l] += value * patch[l] }
                            }
                        }
                    }
                }
            }
        }
        var covariance = [Double](repeating: 0, count: p * p)
        for k in 0..<p {
            for l in k..<p {
                let value = (products[k * p + l] - sum[k] * sum[l] / Double(n)) / Double(n - 1)
                covariance[k * p + l] = value
                covariance[l * p + k] = value
            }
        }
        let smallest = SymmetricEigenvalues.jacobi(covariance, size: p).min()!
        let edge = 1 - (Double(p) / Double(n)).squareRoot()
        return smallest / (edge * edge)
    }
}
