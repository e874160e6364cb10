import Foundation
import Imaging
import INR
import Operators
import Solver

/// A smooth test image: 0.5 + 0.3 sin(3u + c) cos(2v) at (u, v) = (i/H, j/W).
func smoothImage(height: Int, width: Int, channels: Int) -> Image {
    var image = Image(height: height, width: width, channels: channels)
    for i in 0..<height {
        for j in 0..<width {
            for c in 0..<channels {
                let (u, v) = (Double(i) / Double(height), Double(j) / Double(width))
                image.pixels[(i * width + j) * channels + c] = Float(0.5 + 0.3 * sin(3 * u + Double(c)) * cos(2 * v))
            }
        }
    }
    return image
}

/// A small SIREN (2 → 16 → 16 → channels) with a low ω0.
func network(channels: Int, seed: UInt64, omega: Float = 5) throws -> Network {
    try Network(architecture: Architecture(family: .siren(omegaFirst: omega, omegaHidden: omega), dimensions: [2, 16, 16, channels]),
                seed: seed)
}

/// y = noise(k ∗ x) of the smooth image: Gaussian blur σ = 1 (circular), Gaussian noise σ = 0.1, seed 3.
func blurProblem(height: Int = 8, width: Int = 8, channels: Int = 2) throws -> InverseProblem {
    let truth = smoothImage(height: height, width: width, channels: channels)
    let shape = ImageShape(of: truth)
    let blur = try BlurOperator(shape: shape, kernel: .gaussian(sigma: 1), boundary: .circular)
    let noise = try GaussianNoise(sigma: 0.1)
    let y = noise.sample(try blur.apply(truth.pixels), seed: 3)
    return try InverseProblem(forward: blur, measurement: y, noise: noise, groundTruth: truth)
}

