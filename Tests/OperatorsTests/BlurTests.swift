import Foundation
import Imaging
import XCTest
@testable import Operators

final class BlurTests: XCTestCase {
    /// Direct spatial convolution, the definition in `BlurOperator`'s documentation, written out as loops.
    private func directConvolution(_ x: [Float], _ shape: ImageShape, _ kernel: BlurKernel, circular: Bool) -> [Float] {
        var y = [Float](repeating: 0, count: shape.count)
        for i in 0..<shape.height {
            for j in 0..<shape.width {
                for c in 0..<shape.channels {
                    var sum = 0.0
                    for a in 0..<kernel.height {
                        for b in 0..<kernel.width {
                            var r = i + kernel.centerRow - a, s = j + kernel.centerColumn - b
                            if circular {
                                r = (r % shape.height + shape.height) % shape.height
                                s = (s % shape.width + shape.width) % shape.width
                            } else if r < 0 || r >= shape.height || s < 0 || s >= shape.width {
                                continue
                            }
                            sum += Double(kernel.weights[a * kernel.width + b]) * Double(x[(r * shape.width + s) * shape.channels + c])
                        }
                    }
                    y[(i * shape.width + j) * shape.channels + c] = Float(sum)
                }
            }
        }
        return y
    }

    func testBlurEqualsDirectConvolutionForBothBoundaries() throws {
        let shape = ImageShape(height: 13, width: 10, channels: 2)
        let x = gaussianSamples(shape.count, seed: 1)
        let kernels = [try BlurKernel(height: 4, width: 3, weights: gaussianSamples(12, seed: 2).map { abs($0) + 0.1 }),
                       try BlurKernel.motion(length: 5, angle: 20), try BlurKernel.gaussian(sigma: 1)]
        for kernel in kernels {
            for boundary in BlurBoundary.allCases {
                let blur = try BlurOperator(shape: shape, kernel: kernel, boundary: boundary)
                let error = relativeError(try blur.apply(x), directConvolution(x, shape, kernel, circular: boundary == .circular))
                XCTAssertLessThan(error, 1e-5, "\(kernel.height)×\(kernel.width) \(boundary)")
            }
        }
    }

    func testZeroBoundaryMatchesScipyFFTConvolveSame() throws {
        struct Fixture: Decodable {
            let height, width, kernel_height, kernel_width: Int
            let x, kernel, same: [Float]
        }
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/fftconvolve_same", withExtension: "json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let kernel = try BlurKernel(height: fixture.kernel_height, width: fixture.kernel_width, weights: fixture.kernel)
        let blur = try BlurOperator(shape: ImageShape(height: fixture.height, width: fixture.width), kernel: kernel, boundary: .zero)
        XCTAssertLessThan(relativeError(try blur.apply(fixture.x), fixture.same), 1e-6)
    }

    func testFFTOfDeltaIsFlat() {
        let fft = RealFFT(dimensions: [8, 12], batch: 1, layout: .interleaved, planning: .estimate)
        fft.real.update(repeating: 0)
        fft.real[0] = 1
        fft.forward()
        for entry in 0..<fft.spectrumCount {
            XCTAssertEqual(fft.spectrum[2 * entry], 1, accuracy: 1e-6)
            XCTAssertEqual(fft.spectrum[2 * entry + 1], 0, accuracy: 1e-6)
        }
    }

    func testCircularNormalEqualsAdjointOfApply() throws {
        let shape = ImageShape(height: 16, width: 20)
        let blur = try BlurOperator(shape: shape, kernel: .disk(radius: 2.5), boundary: .circular)
        let x = gaussianSamples(shape.count, seed: 3)
        XCTAssertLessThan(relativeError(try blur.normal(x), try blur.adjoint(blur.apply(x))), 1e-5)
    }

    /// `(AᵀA + ρI)⁻¹ b` by FFT solves the system (checked by applying it) for a circular blur, RGB; the zero
    /// boundary declines.
    func testShiftedNormalSolveInvertsTheShiftedNormalOperator() throws {
        let shape = ImageShape(height: 12, width: 18, channels: 3)
        let blur = try BlurOperator(shape: shape, kernel: try .gaussian(sigma: 1.5), boundary: .circular)
        let b = gaussianSamples(shape.count, seed: 7)
        for rho: Float in [1e-3, 0.1, 2] {
            var x = [Float](repeating: .nan, count: shape.count)
            XCTAssertTrue(b.withUnsafeBufferPointer { bs in x.withUnsafeMutableBufferPointer { blur.solveShiftedNormal(bs, shift: rho, into: $0) } })
            let product = zip(try blur.normal(x), x).map { $0 + rho * $1 }
            XCTAssertLessThan(relativeError(product, b), 1e-4, "ρ = \(rho)")
        }
        let zero = try BlurOperator(shape: shape, kernel: try .gaussian(sigma: 1.5), boundary: .zero)
        var untouched = [Float](repeating: 7, count: shape.count)
        XCTAssertFalse(b.withUnsafeBufferPointer { bs in untouched.withUnsafeMutableBufferPointer { zero.solveShiftedNormal(bs, shift: 1, into: $0) } })
        XCTAssertEqual(Set(untouched), [7])
    }

    func testKernelsAreNormalisedAndShaped() throws {
        for kernel in [try BlurKernel.gaussian(sigma: 1.3), try .box(size: 4), try .disk(radius: 2), try .motion(length: 10, angle: 45)] {
            XCTAssertEqual(kernel.weights.reduce(0.0) { $0 + Double($1) }, 1, accuracy: 1e-5)
        }
        XCTAssertEqual(try BlurKernel.gaussian(sigma: 1.3).height, 2 * 4 + 1)
        // A horizontal motion kernel lies on the centre row only.
        let horizontal = try BlurKernel.motion(length: 5, angle: 0)
        for (index, weight) in horizontal.weights.enumerated() where index / horizontal.width != horizontal.centerRow {
            XCTAssertEqual(weight, 0)
        }
    }

    func testLevinKernelsLoadFromTheBundledDataset() throws {
        let sizes = [19, 17, 15, 27, 13, 21, 23, 23]
        for (index, size) in sizes.enumerated() {
            let url = repositoryRoot.appendingPathComponent("Datasets/levin09/levin09_\(index + 1).txt")
            let kernel = try BlurKernel.file(url)
            XCTAssertEqual(kernel.height, size)
            XCTAssertEqual(kernel.width, size)
            XCTAssertEqual(kernel.weights.reduce(0.0) { $0 + Double($1) }, 1, accuracy: 1e-5)
        }
    }
}

final class KernelFileTests: XCTestCase {
    func testKernelFromFloatTIFFAndPNGMatchesTheTextKernel() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-kernels-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try BlurKernel.file(repositoryRoot.appendingPathComponent("Datasets/levin09/levin09_3.txt"))
        let peak = text.weights.max()!
        let image = Image(height: text.height, width: text.width, channels: 1, pixels: text.weights.map { $0 / peak })
        let tiff = directory.appendingPathComponent("k.tif"), png = directory.appendingPathComponent("k.png")
        try ImageFile.write(image, to: tiff, sampleFormat: .float32)
        try ImageFile.write(image, to: png, sampleFormat: .uint16)
        XCTAssertLessThan(relativeError(try BlurKernel.file(tiff).weights, text.weights), 1e-6)
        XCTAssertLessThan(relativeError(try BlurKernel.file(png).weights, text.weights), 1e-3, "16-bit quantisation")
        XCTAssertEqual(errorMessage { try BlurKernel.file(directory.appendingPathComponent("k.bmp")) },
                       "\(directory.path)/k.bmp: unsupported extension '.bmp'; expected .txt, .csv, .dat, .png, .tif, .tiff or .pgm")
    }
}
