import Foundation
import XCTest
@testable import Baselines
import Operators

/// BM3D's transforms against their definitions, its two stages against closed forms, and the whole filter against
/// the reference `bm3d` package (values in `Fixtures/bm3d_reference.json`, made by `make_bm3d_fixture.py`).
final class BM3DTests: XCTestCase {
    /// A block from 64 row-major samples.
    private func block(_ samples: [Float]) -> Block {
        samples.withUnsafeBufferPointer { Block($0.baseAddress!, width: Block.side, top: 0, left: 0) }
    }

    private func samples(_ block: Block) -> [Float] { (0..<Block.side).flatMap { row in (0..<Block.side).map { block[row][$0] } } }

    /// `X(u, v) = c_u c_v Σ_{i,j} B(i, j) cos(π(2i + 1)u/16) cos(π(2j + 1)v/16)`, in Double.
    func testCosineTransformMatchesItsDefinitionAndIsOrthonormal() {
        let b = gaussianSamples(64, seed: 3)
        let transformed = samples(SeparableBlockTransform.cosine.forward(block(b)))
        func c(_ u: Int) -> Double { (u == 0 ? 1.0 / 8 : 2.0 / 8).squareRoot() }
        for u in 0..<8 {
            for v in 0..<8 {
                var sum = 0.0
                for i in 0..<8 {
                    for j in 0..<8 {
                        sum += Double(b[i * 8 + j]) * cos(Double.pi * Double(2 * i + 1) * Double(u) / 16)
                            * cos(Double.pi * Double(2 * j + 1) * Double(v) / 16)
                    }
                }
                XCTAssertEqual(Double(transformed[u * 8 + v]), c(u) * c(v) * sum, accuracy: 1e-5)
            }
        }
        // Orthonormal: the energy is kept and the inverse undoes it.
        XCTAssertEqual(squaredNorm(transformed), squaredNorm(b), accuracy: 1e-4 * squaredNorm(b))
        XCTAssertLessThan(largestDifference(samples(SeparableBlockTransform.cosine.inverse(SeparableBlockTransform.cosine.forward(block(b)))), b), 1e-5)
    }

    /// The 8-point bior1.5 analysis matrix against PyWavelets (`wavedec` of each unit impulse, `'bior1.5'`,
    /// `mode='periodization'`, `level=3`, columns stacked, each row divided by its norm; rows 2–7 are also the
    /// reference BM3D code's hard-coded matrix), and the 2-D transform: `X = M B Mᵀ` entry by entry, inverted by `S`.
    func testBiorthogonalSplineTransformMatchesPyWaveletsAndInverts() {
        let (a, b, c, d, e, f) = (0.353553390593274, 0.219417649252501, 0.449283757993216, 0.569359398342840,
                                  0.402347308162280, 0.083506045090280)
        let r = 0.5.squareRoot()
        let pywavelets: [[Double]] = [[a, a, a, a, a, a, a, a], [b, c, c, b, -b, -c, -c, -b],
                                      [d, e, -e, -d, -f, f, -f, f], [-f, f, -f, f, d, e, -e, -d],
                                      [r, -r, 0, 0, 0, 0, 0, 0], [0, 0, r, -r, 0, 0, 0, 0],
                                      [0, 0, 0, 0, r, -r, 0, 0], [0, 0, 0, 0, 0, 0, r, -r]]
        let matrix = BiorthogonalSpline.analysisMatrix(length: 8)
        for u in 0..<8 {
            for j in 0..<8 { XCTAssertEqual(matrix[u][j], pywavelets[u][j], accuracy: 1e-9, "row \(u), column \(j)") }
        }
        let samplesB = gaussianSamples(64, seed: 4)
        let transformed = samples(SeparableBlockTransform.biorthogonalSpline.forward(block(samplesB)))
        for u in 0..<8 {
            for v in 0..<8 {
                var sum = 0.0
                for i in 0..<8 {
                    for j in 0..<8 { sum += pywavelets[u][i] * Double(samplesB[i * 8 + j]) * pywavelets[v][j] }
                }
                XCTAssertEqual(Double(transformed[u * 8 + v]), sum, accuracy: 1e-5)
            }
        }
        let transform = SeparableBlockTransform.biorthogonalSpline
        XCTAssertLessThan(largestDifference(samples(transform.inverse(transform.forward(block(samplesB)))), samplesB), 1e-5)
    }

    /// Orthonormal along the group; a group of equal blocks keeps only its first entry, `√n` times the block.
    func testHaarTransformIsOrthonormalAndConcentratesEqualBlocks() {
        for count in [1, 2, 4, 8, 16, 32] {
            let group = UnsafeMutablePointer<Block>.allocate(capacity: count)
            let scratch = UnsafeMutablePointer<Block>.allocate(capacity: count)
            defer { group.deallocate(); scratch.deallocate() }
            let original = (0..<count).map { block(gaussianSamples(64, seed: UInt64(10 + $0))) }
            for k in 0..<count { group[k] = original[k] }
            HaarTransform.forward(group, count: count, scratch: scratch)
            let energy = (0..<count).reduce(0.0) { $0 + squaredNorm(samples(group[$1])) }
            let originalEnergy = original.reduce(0.0) { $0 + squaredNorm(samples($1)) }
            XCTAssertEqual(energy, originalEnergy, accuracy: 1e-4 * originalEnergy)
            HaarTransform.inverse(group, count: count, scratch: scratch)
            for k in 0..<count { XCTAssertLessThan(largestDifference(samples(group[k]), samples(original[k])), 1e-5) }

            for k in 0..<count { group[k] = original[0] }
            HaarTransform.forward(group, count: count, scratch: scratch)
            let expected = samples(original[0]).map { $0 * Float(count).squareRoot() }
            XCTAssertLessThan(largestDifference(samples(group[0]), expected), 1e-5)
            for k in 1..<count { XCTAssertLessThan(largestDifference(samples(group[k]), [Float](repeating: 0, count: 64)), 1e-5) }
        }
    }

    /// `np.kaiser(8, 2.0)`.
    func testKaiserWindowMatchesNumPy() {
        let numpy = [0.4386762798370488, 0.6813242630163212, 0.8768399053044081, 0.9858225062008237,
                     0.9858225062008237, 0.8768399053044081, 0.6813242630163212, 0.4386762798370488]
        for (ours, theirs) in zip(KaiserWindow.window(length: 8, beta: 2), numpy) { XCTAssertEqual(ours, theirs, accuracy: 1e-14) }
    }

    /// A plane tiled by one 8 × 8 pattern plus a faint ramp: the blocks at multiples of 8 from the reference are its
    /// closest copies, nearest first in scanning order; the reference leads; the size is a power of two.
    func testBlockMatchingFindsTheCopiesOfAPatternReferenceFirst() {
        let (height, width) = (40, 40)
        let pattern = gaussianSamples(64, seed: 5)
        let plane = (0..<height * width).map { p in pattern[(p / width % 8) * 8 + p % width % 8] + 1e-4 * Float(p / width) }
        let matching = BlockMatching(searchRadius: 19, maxGroupSize: 16, threshold: 1)
        let matches = UnsafeMutablePointer<BlockMatch>.allocate(capacity: 16)
        defer { matches.deallocate() }
        let count = plane.withUnsafeBufferPointer {
            matching.group(top: 16, left: 16, in: $0.baseAddress!, height: height,
                           width: width, into: matches)
        }
        XCTAssertEqual(count, 16)
        XCTAssertEqual([matches[0].top, matches[0].left], [16, 16])
        // The copies closest to row 16: rows 8 and 24 at ramp distance (1e-4·8)², then 0 and 32; all at columns ≡ 0 mod 8.
        for k in 0..<count {
            XCTAssertEqual(matches[k].left % 8, 0)
            XCTAssertEqual(matches[k].top % 8, 0)
        }
        let rows = (1..<count).map { matches[$0].top }
        XCTAssertEqual(rows.filter { $0 == 16 }.count, 4)   // the other four copies in the reference's row
        XCTAssertEqual(Set(rows.prefix(4)), [16])
    }

    private func constantImage(_ value: Float, _ shape: ImageShape) -> [Float] { [Float](repeating: value, count: shape.count) }

    /// A constant image is a fixed point: every group is constant, so only the 3-D DC survives the threshold and
    /// Wiener keeps it (the pilot's DC is far above σ).
    func testConstantImageIsReturned() throws {
        for shape in [ImageShape(height: 20, width: 27), ImageShape(height: 17, width: 16, channels: 3)] {
            let image = constantImage(0.37, shape)
            let denoised = try BM3DBaseline(sigma: 0.1).reconstruct(image, through: IdentityOperator(shape: shape))
            XCTAssertLessThan(largestDifference(denoised, image), 1e-4, "\(shape)")
        }
    }

    /// The hard-thresholding stage alone on pure noise around a constant: with λ = 2.7, a coefficient of noise
    /// survives with probability 2·Φ(−2.7) ≈ 0.7 %, so the estimate keeps far less than the noise's variance.
    func testHardThresholdingStageRemovesPureNoise() {
        let (height, width, sigma): (Int, Int, Float) = (48, 48, 0.1)
        let noise = gaussianSamples(height * width, seed: 21)
        let noisy = ChannelPlanes(height: height, width: width, channels: 1, samples: noise.map { 0.5 + sigma * $0 })
        let basic = BM3DDenoiser().hardThresholdingEstimate(noisy, sigmas: [sigma])
        let residual = basic.samples.map { $0 - 0.5 }
        let rms = (squaredNorm(residual) / Double(residual.count)).squareRoot()
        XCTAssertLessThan(rms, 0.15 * Double(sigma))
        XCTAssertLessThan(abs(residual.reduce(0, +) / Float(residual.count)), 0.02 * sigma)
    }

    /// The chunks of reference rows run on every core or one after another: the same bits, both stages, high-noise
    /// profile (σ above 40/255) included.
    func testSameBitsInParallelAndSerially() throws {
        let shape = ImageShape(height: 41, width: 37, channels: 3)
        let clean = (0..<shape.count).map { Float(($0 / 3) % 37) / 37 }
        for sigma in [0.05, 0.3] {
            let noisy = zip(clean, gaussianSamples(shape.count, seed: 4)).map { $0 + Float(sigma) * $1 }
            let parallel = try BM3DBaseline(sigma: sigma, parallel: true).denoise(noisy, shape: shape, sigma: sigma)
            let serial = try BM3DBaseline(sigma: sigma, parallel: false).denoise(noisy, shape: shape, sigma: sigma)
            XCTAssertEqual(parallel.map(\.bitPattern), serial.map(\.bitPattern))
        }
    }

    /// Without σ the baseline uses ``NoiseLevelEstimate/sigma(_:shape:)`` of the measurement.
    func testEstimatedSigmaIsTheNoiseLevelEstimate() throws {
        let shape = ImageShape(height: 32, width: 32)
        let noisy = zip((0..<shape.count).map { Float($0 % 32) / 32 }, gaussianSamples(shape.count, seed: 9)).map { $0 + 0.1 * $1 }
        let estimate = try NoiseLevelEstimate.sigma(noisy, shape: shape)
        let forward = IdentityOperator(shape: shape)
        XCTAssertEqual(try BM3DBaseline().reconstruct(noisy, through: forward),
                       try BM3DBaseline(sigma: estimate).reconstruct(noisy, through: forward))
    }

    /// Within 0.3 dB of the reference package's PSNR on the same noisy samples of 64 × 64 crops (gray σ = 0.1 and
    /// 0.2 — the strong-noise settings —, colour σ = 0.1; measured −0.20, −0.23, −0.17 dB; with the DCT instead of
    /// bior1.5 in the first stage at σ = 0.1, −0.32 and −0.19 dB).
    func testPSNRIsWithinThreeTenthsOfADecibelOfTheReferencePackage() throws {
        for fixture in try BM3DReferenceCase.all() {
            let shape = ImageShape(height: fixture.height, width: fixture.width, channels: fixture.channels)
            let denoised = try BM3DBaseline(sigma: fixture.sigma).reconstruct(fixture.noisySamples, through: IdentityOperator(shape: shape))
            let ours = psnr(denoised, fixture.cleanSamples)
            XCTAssertGreaterThan(ours, fixture.reference_psnr - 0.3, "\(fixture.name): \(ours) dB, reference \(fixture.reference_psnr) dB")
        }
    }

    func testBadInputIsRejectedWithOneLineNamingTheParameter() {
        let shape = ImageShape(height: 16, width: 16)
        for sigma in [0, -0.1, .nan, .infinity] {
            XCTAssertEqual(errorMessage { try BM3DBaseline(sigma: sigma) },
                           "bm3d: parameter 'sigma' must be a finite noise standard deviation > 0 (intensities in [0, 1]), got \(sigma)")
            XCTAssertNotNil(errorMessage { try BM3DBaseline(sigma: 0.1).denoise(constantImage(0, shape), shape: shape, sigma: sigma) })
        }
        let small = ImageShape(height: 7, width: 12)
        XCTAssertEqual(errorMessage { try BM3DBaseline(sigma: 0.1).reconstruct(self.constantImage(0, small), through: IdentityOperator(shape: small)) },
                       "bm3d: parameter 'image' is 7×12; expected at least 8×8 pixels (one block)")
        let blur = try! operatorRegistry.make(spec("blur", ["kernel": .string("gaussian"), "sigma": .number(1)]), context: BuildContext(shape: shape))
        XCTAssertEqual(errorMessage { try BM3DBaseline(sigma: 0.1).reconstruct(self.constantImage(0, shape), through: blur) },
                       "baseline 'bm3d' does not apply to the forward operator \(blur); it applies only to identity (denoising); use pnp for other operators")
        var nan = constantImage(0, shape)
        nan[3] = .nan
        XCTAssertEqual(errorMessage { try BM3DBaseline(sigma: 0.1).denoise(nan, shape: shape, sigma: 0.1) },
                       "bm3d: parameter 'image' holds a NaN or infinite sample; expected finite intensities")
        XCTAssertEqual(errorMessage { try baselineRegistry.make(spec("bm3d", ["sigma": .number(-1)]), context: BuildContext(shape: shape)) },
                       "bm3d: parameter 'sigma' must be a finite noise standard deviation > 0 (intensities in [0, 1]), got -1.0")
    }
}
