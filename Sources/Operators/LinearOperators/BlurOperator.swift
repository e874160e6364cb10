/// What a blur assumes outside the image.
public enum BlurBoundary: String, CaseIterable, Sendable {
    /// The image is periodic: `y = k ⊛ x`, circular convolution on the `H × W` torus.
    case circular
    /// The image is zero outside: `y` is the full linear convolution `k ∗ x` (size `(H+kh−1) × (W+kw−1)`)
    /// cropped to `H × W` starting at row `(kh−1)/2`, column `(kw−1)/2` — the crop of
    /// `scipy.signal.fftconvolve(x, k, mode="same")`.
    case zero
}

/// Convolution with a kernel, per channel:
/// `y(i, j) = Σ_{a,b} k(a, b) · x(i + ⌊(kh−1)/2⌋ − a, j + ⌊(kw−1)/2⌋ − b)`,
/// indices taken modulo the size (``BlurBoundary/circular``) or `x = 0` outside (``BlurBoundary/zero``).
///
/// Computed with FFTW's single-precision real transforms on a grid of `P × Q` (the image size when circular;
/// the next size `2^a·3^b` ≥ `(H + kh − 1) × (W + kw − 1)` when zero-padded), planned once at creation:
/// `y = R F⁻¹(K̂ · F(P x))`, `Aᵀy = Pᵀ F⁻¹(conj(K̂) · F(Rᵀ y))` with `P` zero padding and `R` the crop.
public final class BlurOperator: LinearOperator {
    public let inputShape: ImageShape
    public var outputShape: ImageShape { inputShape }
    public let kernel: BlurKernel
    public let boundary: BlurBoundary
    private let fft: RealFFT
    /// `K̂ / (P·Q)`, `(re, im)` pairs, one per spectrum entry.
    private let spectrum: [Float]

    /// A blur of images of `shape` by `kernel`. Throws when the kernel is larger than the image.
    public init(shape: ImageShape, kernel: BlurKernel, boundary: BlurBoundary, planning: FFTPlanning = .estimate) throws {
        guard kernel.height <= shape.height, kernel.width <= shape.width else {
            throw OperatorError.invalidParameter(owner: "blur", parameter: "kernel",
                message: "is \(kernel.height)×\(kernel.width), larger than the \(shape.height)×\(shape.width) image")
        }
        inputShape = shape
        self.kernel = kernel
        self.boundary = boundary
        let gridHeight = boundary == .circular ? shape.height : fftFriendlySize(atLeast: shape.height + kernel.height - 1)
        let gridWidth = boundary == .circular ? shape.width : fftFriendlySize(atLeast: shape.width + kernel.width - 1)
        fft = RealFFT(dimensions: [gridHeight, gridWidth], batch: shape.channels, layout: .interleaved, planning: planning)
        spectrum = Self.kernelSpectrum(kernel, gridHeight: gridHeight, gridWidth: gridWidth)
    }

    /// `F(k̃) / (P·Q)` where `k̃` is the kernel placed on the grid with its centre at the origin, wrapped.
    private static func kernelSpectrum(_ kernel: BlurKernel, gridHeight: Int, gridWidth: Int) -> [Float] {
        let transform = RealFFT(dimensions: [gridHeight, gridWidth], batch: 1, layout: .interleaved, planning: .estimate)
        for a in 0..<kernel.height {
            for b in 0..<kernel.width {
                let row = (a - kernel.centerRow + gridHeight) % gridHeight
                let column = (b - kernel.centerColumn + gridWidth) % gridWidth
                transform.real[row * gridWidth + column] += kernel.weights[a * kernel.width + b]
            }
        }
        transform.forward()
        let scale = 1 / Float(gridHeight * gridWidth)
        return transform.spectrum.map { $0 * scale }
    }

    /// Allocation-free: one FFT round trip through `|K̂|²` when circular, two (crop between) when zero-padded.
    public var hasFastNormal: Bool { true }

    public var description: String {
        "blur(\(kernel.height)×\(kernel.width) kernel, \(boundary.rawValue), \(inputShape))"
    }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        filter(x, into: y, mode: .convolve)
    }

    public func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
        filter(y, into: x, mode: .correlate)
    }

    public func normal(_ x: UnsafeBufferPointer<Float>, into z: UnsafeMutableBufferPointer<Float>) {
        if boundary == .circular {
            filter(x, into: z, mode: .convolveThenCorrelate)
        } else {
            filter(x, into: z, mode: .convolve, cropInPlace: true)
            filter(nil, into: z, mode: .correlate)
        }
    }

    /// `x ← (AᵀA + ρI)⁻¹ b` for a circular blur, in one FFT round trip: `AᵀA` is diagonal in the Fourier basis,
    /// so `x = F⁻¹(F(b) / (|K̂|² + ρ))`. Returns false, leaving `x` alone, for the zero boundary (its `AᵀA` is not
    /// circulant). `ρ > 0`, or `ρ = 0` with no zero in `K̂`.
    public func solveShiftedNormal(_ b: UnsafeBufferPointer<Float>, shift rho: Float, into x: UnsafeMutableBufferPointer<Float>) -> Bool {
        guard boundary == .circular else { return false }
        filter(b, into: x, mode: .shiftedNormalInverse(rho))
        return true
    }

    private enum Mode { case convolve, correlate, convolveThenCorrelate, shiftedNormalInverse(Float) }

    /// Loads `source` into the top-left of the work grid (zeroing the rest), multiplies the spectrum by
    /// `K̂`, `conj(K̂)`, `|K̂|²·PQ` or `1/(PQ(|K̂|² + ρ))`, transforms back and copies the top-left `H × W` into `target`.
    /// With `source == nil` the grid already holds the input (cropped and zero-padded in place).
    /// With `cropInPlace` the result stays in the grid, cropped: entries outside `H × W` are zeroed.
    private func filter(_ source: UnsafeBufferPointer<Float>?, into target: UnsafeMutableBufferPointer<Float>,
                        mode: Mode, cropInPlace: Bool = false) {
        let rowLength = inputShape.width * inputShape.channels
        let gridRowLength = fft.dimensions[1] * inputShape.channels
        if let source {
            for row in 0..<inputShape.height {
                (fft.real.baseAddress! + row * gridRowLength)
                    .update(from: source.baseAddress! + row * rowLength, count: rowLength)
            }
            if boundary == .zero { zeroPadding() }
        }
        fft.forward()
        let gridScale = Float(fft.dimensions[0] * fft.dimensions[1])
        switch mode {
        case .convolve: multiplySpectrum { ($0, $1) }
        case .correlate: multiplySpectrum { ($0, -$1) }
        case .convolveThenCorrelate: multiplySpectrum { (($0 * $0 + $1 * $1) * gridScale, 0) }
        case let .shiftedNormalInverse(rho):
            // The stored K̂/(PQ) gives |K̂|² = |k|²(PQ)²; the 1/(PQ) undoes the unnormalised round trip.
            multiplySpectrum { (1 / (gridScale * (($0 * $0 + $1 * $1) * gridScale * gridScale + rho)), 0) }
        }
        fft.backward()
        if cropInPlace {
            zeroPadding()
            return
        }
        for row in 0..<inputShape.height {
            (target.baseAddress! + row * rowLength)
                .update(from: fft.real.baseAddress! + row * gridRowLength, count: rowLength)
        }
    }

    /// Multiplies every channel's spectrum by `factor(K̂)` (a complex number given as `(re, im)`), entry by entry.
    @inline(__always)
    private func multiplySpectrum(_ factor: (Float, Float) -> (Float, Float)) {
        let channels = inputShape.channels, s = fft.spectrum
        spectrum.withUnsafeBufferPointer { k in
            for entry in 0..<fft.spectrumCount {
                let (kr, ki) = factor(k[2 * entry], k[2 * entry + 1])
                for c in 0..<channels {
                    let index = 2 * (entry * channels + c)
                    let re = s[index], im = s[index + 1]
                    s[index] = re * kr - im * ki
                    s[index + 1] = re * ki + im * kr
                }
            }
        }
    }

    /// Zeroes the grid outside the top-left `H × W` (the zero padding of ``BlurBoundary/zero``).
    private func zeroPadding() {
        let rowLength = inputShape.width * inputShape.channels
        let gridRowLength = fft.dimensions[1] * inputShape.channels
        for row in 0..<inputShape.height {
            fft.real[row * gridRowLength + rowLength..<(row + 1) * gridRowLength].update(repeating: 0)
        }
        fft.real[inputShape.height * gridRowLength..<fft.real.count].update(repeating: 0)
    }
}
