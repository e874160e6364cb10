import Foundation

/// Single-coil Cartesian MRI, per channel: `y = M ⊙ F x`, with `F` the orthonormal 2-D DFT
/// (`F_kl = (HW)^{−½} Σ x_ij e^{−2πi(ik/H + jl/W)}`, so `‖Fx‖ = ‖x‖`) and `M` a binary ``KSpaceMask``.
///
/// The output is complex, `H × W × 2C`: channel `2c` is the real and `2c + 1` the imaginary part of input channel
/// `c`, in FFTW's (unshifted) frequency order — coefficient `(k, l)` at row `k`, column `l`, DC at `(0, 0)`.
/// Unsampled coefficients are 0. For real `x`, `Aᵀy = Re(Fᴴ(M ⊙ y))`; with a full mask `AᵀA = I`.
public final class MRIOperator: LinearOperator {
    public let inputShape: ImageShape
    public let outputShape: ImageShape
    /// The mask in centred order, as given.
    public let mask: KSpaceMask
    /// The mask in FFTW order (`ifftshift` of ``mask``).
    private let unshiftedMask: [Float]
    private let fft: ComplexFFT2D
    private let scale: Float

    /// MRI of `shape` images sampled by `mask` (FFTW plans made with `planning`); throws when the mask's size
    /// differs from the image's.
    public init(shape: ImageShape, mask: KSpaceMask, planning: FFTPlanning = .estimate) throws {
        guard mask.height == shape.height, mask.width == shape.width else {
            throw OperatorError.invalidParameter(owner: "mri", parameter: "mask",
                message: "is \(mask.height)×\(mask.width), expected the image size \(shape.height)×\(shape.width)")
        }
        inputShape = shape
        outputShape = ImageShape(height: shape.height, width: shape.width, channels: 2 * shape.channels)
        self.mask = mask
        let height = shape.height, width = shape.width
        unshiftedMask = (0..<height * width).map { index in
            let k = index / width, l = index % width
            return mask.values[((k + height / 2) % height) * width + (l + width / 2) % width]
        }
        fft = ComplexFFT2D(height: height, width: width, batch: shape.channels, planning: planning)
        scale = Float(1 / Double(height * width).squareRoot())
    }

    public var outputIsComplex: Bool { true }
    public var description: String {
        "mri(\(String(format: "%.1f", 100 * mask.sampledFraction))% sampled, \(inputShape))"
    }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        let data = fft.data
        for i in 0..<inputShape.count {
            data[2 * i] = x[i]
            data[2 * i + 1] = 0
        }
        fft.forward()
        maskAndScale { index, factor in
            y[index] = data[index] * factor
            y[index + 1] = data[index + 1] * factor
        }
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        let data = fft.data
        maskAndScale { index, factor in
            data[index] = y[index] * factor
            data[index + 1] = y[index + 1] * factor
        }
        fft.backward()
        for i in 0..<inputShape.count { x[i] = data[2 * i] }
    }

    /// Calls `body(floatIndex, m · (HW)^{−½})` for the `(re, im)` pair of every coefficient and channel.
    @inline(__always)
    private func maskAndScale(_ body: (Int, Float) -> Void) {
        let channels = inputShape.channels
        for p in 0..<inputShape.pixelCount {
            let factor = unshiftedMask[p] * scale
            for c in 0..<channels { body(2 * (p * channels + c), factor) }
        }
    }
}
