import Operators

/// The discrete gradient `∇ : ℝ^{H×W×C} → ℝ^{H×W×2C}` by forward differences, per channel, with Neumann boundary
/// (the difference leaving the image is 0):
/// `(∇x)_h(i, j, c) = x(i, j+1, c) − x(i, j, c)` for `j < W − 1`, else 0;
/// `(∇x)_v(i, j, c) = x(i+1, j, c) − x(i, j, c)` for `i < H − 1`, else 0.
/// Output channel `2c` holds the horizontal and `2c + 1` the vertical difference of channel `c`, so the pair of
/// input sample `s` sits at `2s, 2s + 1`. `‖∇‖² ≤ 8` (each difference has norm ≤ 2 and they add in quadrature).
/// The adjoint is minus the divergence: `∇ᵀq = −div q`.
final class ImageGradient: LinearOperator {
    let inputShape: ImageShape
    var outputShape: ImageShape { ImageShape(height: inputShape.height, width: inputShape.width, channels: 2 * inputShape.channels) }

    init(shape: ImageShape) { inputShape = shape }

    var description: String { "gradient(\(inputShape))" }

    func apply(_ x: UnsafeBufferPointer<Float>, into g: UnsafeMutableBufferPointer<Float>) {
        let (height, width, channels) = (inputShape.height, inputShape.width, inputShape.channels)
        let rowLength = width * channels
        for i in 0..<height {
            for j in 0..<width {
                for c in 0..<channels {
                    let s = (i * width + j) * channels + c
                    g[2 * s] = j < width - 1 ? x[s + channels] - x[s] : 0
                    g[2 * s + 1] = i < height - 1 ? x[s + rowLength] - x[s] : 0
                }
            }
        }
    }

    func adjoint(_ g: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        let (height, width, channels) = (inputShape.height, inputShape.width, inputShape.channels)
        let rowLength = width * channels
        for i in 0..<height {
            for j in 0..<width {
                for c in 0..<channels {
                    let s = (i * width + j) * channels + c
                    var value: Float = 0
                    if j < width - 1 { value -= g[2 * s] }
                    if j > 0 { value += g[2 * (s - channels)] }
                    if i < height - 1 { value -= g[2 * s + 1] }
                    if i > 0 { value += g[2 * (s - rowLength) + 1] }
                    x[s] = value
                }
            }
        }
    }

    /// Isotropic total variation, per channel: `TV(x) = Σ_{i,j,c} √((∇x)_h² + (∇x)_v²)`, in `Double`.
    func totalVariation(_ x: [Float]) -> Double {
        var g = [Float](repeating: 0, count: 2 * x.count)
        withBuffers(x, into: &g) { apply($0, into: $1) }
        var sum = 0.0
        for s in x.indices {
            let h = Double(g[2 * s]), v = Double(g[2 * s + 1])
            sum += (h * h + v * v).squareRoot()
        }
        return sum
    }
}
