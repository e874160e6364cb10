import Foundation

/// The modified Shepp–Logan head phantom (Toft's higher-contrast variant, values in `[0, 1]`), as an image and
/// as its exact parallel-beam projections, for testing and demonstrating CT.
///
/// Ten ellipses `(ρ, a, b, x₀, y₀, φ)` on `[−1, 1]²` (`y` up), scaled by `min(H, W)/2` pixels onto the
/// ``RadonOperator`` coordinate frame. The projection of one ellipse at angle `θ` and detector `s` is
/// `2ρ·AB·√(r² − s'²)/r²` for `s'² ≤ r²`, with `A, B` the semi-axes in pixels, `r² = A²cos²(θ−φ) + B²sin²(θ−φ)`
/// and `s' = s − x₀cos θ − y₀sin θ`.
public enum SheppLogan {
    private struct Ellipse {
        var density: Double, a: Double, b: Double, x0: Double, y0: Double, degrees: Double
    }

    private static let ellipses: [Ellipse] = [
        Ellipse(density: 1.0, a: 0.69, b: 0.92, x0: 0, y0: 0, degrees: 0),
        Ellipse(density: -0.8, a: 0.6624, b: 0.874, x0: 0, y0: -0.0184, degrees: 0),
        Ellipse(density: -0.2, a: 0.11, b: 0.31, x0: 0.22, y0: 0, degrees: -18),
        Ellipse(density: -0.2, a: 0.16, b: 0.41, x0: -0.22, y0: 0, degrees: 18),
        Ellipse(density: 0.1, a: 0.21, b: 0.25, x0: 0, y0: 0.35, degrees: 0),
        Ellipse(density: 0.1, a: 0.046, b: 0.046, x0: 0, y0: 0.1, degrees: 0),
        Ellipse(density: 0.1, a: 0.046, b: 0.046, x0: 0, y0: -0.1, degrees: 0),
        Ellipse(density: 0.1, a: 0.046, b: 0.023, x0: -0.08, y0: -0.605, degrees: 0),
        Ellipse(density: 0.1, a: 0.023, b: 0.023, x0: 0, y0: -0.606, degrees: 0),
        Ellipse(density: 0.1, a: 0.023, b: 0.046, x0: 0.06, y0: -0.605, degrees: 0),
    ]

    /// The phantom rasterised on an `height × width` grid, each pixel the mean over `supersampling²` points.
    public static func image(height: Int, width: Int, supersampling: Int = 4) -> [Float] {
        let scale = Double(min(height, width)) / 2
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2, n = max(1, supersampling)
        return (0..<height * width).map { index in
            var sum = 0.0
            for a in 0..<n {
                for b in 0..<n {
                    let x = (Double(index % width) - cx - 0.5 + (Double(b) + 0.5) / Double(n)) / scale
                    let y = (cy - Double(index / width) + 0.5 - (Double(a) + 0.5) / Double(n)) / scale
                    for e in ellipses {
                        let phi = e.degrees * Double.pi / 180
                        let u = (x - e.x0) * cos(phi) + (y - e.y0) * sin(phi)
                        let v = -(x - e.x0) * sin(phi) + (y - e.y0) * cos(phi)
                        if (u / e.a) * (u / e.a) + (v / e.b) * (v / e.b) <= 1 { sum += e.density }
                    }
                }
            }
            return Float(sum / Double(n * n))
        }
    }

    /// The exact projections of the phantom (one channel) in the geometry of `radon`, whose input is the grid
    /// the phantom is scaled to: `angles × detectors` line integrals in pixel units.
    public static func sinogram(for radon: RadonOperator) -> [Float] {
        let shape = radon.inputShape, detectors = radon.detectors
        let scale = Double(min(shape.height, shape.width)) / 2
        var result = [Float](repeating: 0, count: radon.angles.count * detectors)
        for (k, theta) in radon.angles.enumerated() {
            for d in 0..<detectors {
                let s = Double(d) - Double(detectors - 1) / 2
                var sum = 0.0
                for e in ellipses {
                    let a = e.a * scale, b = e.b * scale
                    let alpha = theta - e.degrees * Double.pi / 180
                    let r2 = a * a * cos(alpha) * cos(alpha) + b * b * sin(alpha) * sin(alpha)
                    let sp = s - scale * (e.x0 * cos(theta) + e.y0 * sin(theta))
                    if sp * sp <= r2 { sum += 2 * e.density * a * b * (r2 - sp * sp).squareRoot() / r2 }
                }
                result[k * detectors + d] = Float(sum)
            }
        }
        return result
    }
}
