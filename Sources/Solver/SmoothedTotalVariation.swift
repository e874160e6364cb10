import Operators

/// The smoothed isotropic total variation of an image `x` (H × W × C, interleaved), channel by channel:
///
///     TV_ε(x) = Σ_c Σ_{i,j} ( √(∂₁x² + ∂₂x² + ε²) − ε ),
///
/// with forward differences `∂₁x = x[i+1, j] − x[i, j]`, `∂₂x = x[i, j+1] − x[i, j]`, zero across the last row
/// and column (Neumann boundary). It is differentiable for ε > 0 and tends to the isotropic TV as ε → 0, so a
/// gradient method can add it to any data term.
public struct SmoothedTotalVariation: Sendable {
    public let shape: ImageShape
    /// The smoothing ε (same units as the intensities).
    public let epsilon: Float

    public init(shape: ImageShape, epsilon: Float = 1e-3) {
        self.shape = shape
        self.epsilon = epsilon
    }

    /// Returns `TV_ε(x)` and adds `weight · ∇TV_ε(x)` to `gradient`.
    public func evaluate(_ x: UnsafeBufferPointer<Float>, addingGradientTo gradient: UnsafeMutableBufferPointer<Float>,
                         weight: Float) -> Double {
        let (height, width, channels) = (shape.height, shape.width, shape.channels)
        let epsilonSquared = epsilon * epsilon
        var total = 0.0
        for i in 0..<height {
            for j in 0..<width {
                for c in 0..<channels {
                    let here = (i * width + j) * channels + c
                    let down = i + 1 < height ? here + width * channels : here
                    let right = j + 1 < width ? here + channels : here
                    let d1 = x[down] - x[here]
                    let d2 = x[right] - x[here]
                    let magnitude = (d1 * d1 + d2 * d2 + epsilonSquared).squareRoot()
                    total += Double(magnitude - epsilon)
                    let scale = weight / magnitude
                    gradient[here] -= scale * (d1 + d2)
                    gradient[down] += scale * d1
                    gradient[right] += scale * d2
                }
            }
        }
        return total
    }

    /// `TV_ε(x)` for an array (no gradient).
    public func value(_ x: [Float]) -> Double {
        var scratch = [Float](repeating: 0, count: x.count)
        return x.withUnsafeBufferPointer { xs in scratch.withUnsafeMutableBufferPointer { evaluate(xs, addingGradientTo: $0, weight: 0) } }
    }

    /// `∇TV_ε(x)` for an array.
    public func gradient(_ x: [Float]) -> [Float] {
        var g = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xs in g.withUnsafeMutableBufferPointer { _ = evaluate(xs, addingGradientTo: $0, weight: 1) } }
        return g
    }
}
