import Foundation
import Imaging
@testable import Operators
import SeededRandom
import XCTest

final class NoiseLevelEstimateTests: XCTestCase {
    /// Closed forms: a linear ramp (any slope, any offset) has patches that differ by a constant only, so its
    /// patch covariance is 0 and σ̂ = 0; white noise N(0, σ²) on a ramp gives σ̂ within a few % (the
    /// Marchenko–Pastur correction removes the smallest sample eigenvalue's bias of ≈ 2√(49/n)).
    func testRampsGiveZeroAndWhiteNoiseGivesItsSigma() throws {
        let shape = ImageShape(height: 256, width: 256, channels: 2)
        var ramp = [Float](repeating: 0, count: shape.count)
        for i in 0..<256 { for j in 0..<256 {
            ramp[(i * 256 + j) * 2] = 0.2 + 0.001 * Float(i) + 0.0005 * Float(j)
            ramp[(i * 256 + j) * 2 + 1] = 0.9 - 0.002 * Float(j)
        } }
        for sigma in try NoiseLevelEstimate.channelSigmas(ramp, shape: shape) { XCTAssertLessThan(sigma, 1e-4) }
        var random = RandomSource(seed: 17)
        for sigma in [0.01, 0.1] {
            let noisy = ramp.map { $0 + Float(sigma * random.standardNormal()) }
            for estimate in try NoiseLevelEstimate.channelSigmas(noisy, shape: shape) {
                XCTAssertEqual(estimate, sigma, accuracy: 0.03 * sigma, "σ = \(sigma)")
            }
        }
    }

    /// The weak-texture threshold tr(DᵀD)/r · χ²_r(1 − 10⁻⁶) with r = 45, tr = 35: scipy's
    /// `gamma.ppf(1 - 1e-6, 45 / 2, scale=2 * 35 / 45)` = 81.82077; Wilson–Hilferty is within 0.5 %.
    func testTextureThresholdMatchesTheGammaQuantile() {
        XCTAssertEqual(NoiseLevelEstimate.textureThresholdFactor, 81.82076743668523, accuracy: 0.005 * 81.82)
    }

    /// Jacobi's eigenvalues of the n × n second-difference matrix tridiag(−1, 2, −1): 2 − 2 cos(kπ/(n + 1)).
    func testJacobiEigenvaluesOfTheSecondDifferenceMatrix() {
        let n = 12
        var matrix = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            matrix[k * n + k] = 2
            if k + 1 < n { matrix[k * n + k + 1] = -1; matrix[(k + 1) * n + k] = -1 }
        }
        let computed = SymmetricEigenvalues.jacobi(matrix, size: n).sorted()
        let exact = (1...n).map { 2 - 2 * cos(Double($0) * Double.pi / Double(n + 1)) }
        for (a, b) in zip(computed, exact) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    /// Photographs the estimator was never tuned on — held-out faces, Kodak crops at full resolution and the
    /// natural images, gray and RGB, square and not — with Gaussian noise of σ from 0.01 to 0.2 added, in float and
    /// saved as 8-bit as a camera would (clipped to [0, 1] and quantised, up to σ = 0.1). A photograph holds noise
    /// of its own (Kodak's film grain: σ₀ ≈ 0.005), which adds to σ in variance, so σ̂ is held to within 10 % of
    /// √(σ² + σ₀²), σ₀ being what the estimator reads on the image as it is (and it must read it small).
    func testPhotographsWithSyntheticNoise() throws {
        let root = repositoryRoot.appendingPathComponent("Datasets")
        let faces = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("celeba-hq-178/val").path)
            .filter { $0.hasSuffix(".png") }.sorted().prefix(3).map { ("celeba-hq-178/val/\($0)", 0, 0, 178, 178) }
        let pictures = faces + [
            ("kodak24/kodim05.png", 100, 200, 256, 256), ("kodak24/kodim23.png", 0, 0, 384, 512),
            ("natural/camera.png", 0, 0, 256, 256), ("natural/brick.png", 0, 0, 256, 256),
            ("natural/moon.png", 0, 0, 256, 256), ("natural/text.png", 0, 0, 172, 448),
        ]
        var random = RandomSource(seed: 3)
        var worst = 0.0
        for (file, top, left, height, width) in pictures {
            let source = try ImageFile.read(root.appendingPathComponent(file))
            let channels = min(source.channels, 3)
            let shape = ImageShape(height: height, width: width, channels: channels)
            var clean = [Float](repeating: 0, count: shape.count)
            for i in 0..<height { for j in 0..<width { for c in 0..<channels {
                clean[(i * width + j) * channels + c] = source[top + i, left + j, c]
            } } }
            let own = try NoiseLevelEstimate.sigma(clean, shape: shape)
            XCTAssertLessThan(own, 0.006, "\(file) as it is")
            for sigma in [0.01, 0.02, 0.05, 0.1, 0.2] {
                let expected = (sigma * sigma + own * own).squareRoot()
                let noisy = clean.map { $0 + Float(sigma * random.standardNormal()) }
                var cases = [("float", noisy)]
                if sigma <= 0.1 { cases.append(("8-bit", noisy.map { (min(max($0, 0), 1) * 255).rounded() / 255 })) }
                for (format, samples) in cases {
                    let estimate = try NoiseLevelEstimate.sigma(samples, shape: shape)
                    worst = max(worst, abs(estimate / expected - 1))
                    XCTAssertEqual(estimate, expected, accuracy: 0.1 * expected, "\(file) (σ₀ = \(own)), σ = \(sigma), \(format)")
                }
            }
        }
        print("noise level estimate: largest relative error \(worst)")
    }

    func testBadInputIsRefused() {
        let small = ImageShape(height: 15, width: 40)
        XCTAssertEqual(errorMessage { try NoiseLevelEstimate.sigma([Float](repeating: 0, count: small.count), shape: small) },
                       "noise level estimate: parameter 'image' is 15×40; σ is estimated from images of at least 16×16 pixels")
        let shape = ImageShape(height: 16, width: 16)
        var samples = [Float](repeating: 0, count: 256)
        samples[5] = .nan
        XCTAssertEqual(errorMessage { try NoiseLevelEstimate.sigma(samples, shape: shape) },
                       "noise level estimate: parameter 'image' holds a NaN or infinite sample; expected finite intensities")
        XCTAssertNotNil(errorMessage { try NoiseLevelEstimate.sigma([0, 1], shape: shape) })
    }
}
