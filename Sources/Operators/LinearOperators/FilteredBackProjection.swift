import Foundation
import Parallelism

/// The frequency window of filtered back-projection, multiplying the ramp `|f|` (`f` in cycles per detector bin).
public enum FBPFilter: String, CaseIterable, Sendable {
    /// Ram–Lak: the ramp alone.
    case ramp
    /// Shepp–Logan: ramp × `sin(πf)/(πf)`.
    case sheppLogan = "shepp_logan"
    /// Hann: ramp × `(1 + cos 2πf)/2`.
    case hann
}

/// Filtered back-projection for the geometry of a ``RadonOperator``, a reconstruction baseline:
/// `x(x, y) ≈ (π/n) Σ_k q_k(x cos θ_k + y sin θ_k)`, with `q_k = h ∗ p_k` the projection filtered along the
/// detector axis and the back-projection interpolating `q_k` linearly (pixel-driven, as scikit-image's `iradon`).
///
/// The ramp is the band-limited Ram–Lak filter built in the spatial domain (`h(0) = ¼`, `h(n) = −1/(πn)²` for odd
/// `n`, 0 for even `n`; Kak & Slaney eq. 3.61), transformed by FFTW on a zero-padded length
/// `≥ 2D` so that the filtering is a linear, not circular, convolution; then windowed.
public final class FilteredBackProjection {
    public let geometry: RadonOperator
    public let filter: FBPFilter
    private let fft: RealFFT
    /// Real frequency response, one value per spectrum entry, including the `1/P` of the inverse FFT.
    private let response: [Float]

    /// Reconstruction for sinograms of `geometry`, with the given window.
    public init(geometry: RadonOperator, filter: FBPFilter) {
        self.geometry = geometry
        self.filter = filter
        let length = fftFriendlySize(atLeast: max(64, 2 * geometry.detectors))
        fft = RealFFT(dimensions: [length], batch: geometry.angles.count, layout: .contiguous, planning: .estimate)
        let kernel = RealFFT(dimensions: [length], batch: 1, layout: .contiguous, planning: .estimate)
        for index in 0..<length {
            let n = index <= length / 2 ? index : index - length
            kernel.real[index] = n == 0 ? 0.25 : (n % 2 == 0 ? 0 : Float(-1 / (Double.pi * Double(n) * Double(n) * Double.pi)))
        }
        kernel.forward()
        response = (0..<length / 2 + 1).map { k in
            let f = Double(k) / Double(length)
            let window: Double
            switch filter {
            case .ramp: window = 1
            case .sheppLogan: window = k == 0 ? 1 : sin(Double.pi * f) / (Double.pi * f)
            case .hann: window = (1 + cos(2 * Double.pi * f)) / 2
            }
            return Float(Double(kernel.spectrum[2 * k]) * window / Double(length))
        }
    }

    /// The reconstruction of `sinogram` (shape ``RadonOperator/outputShape`` of ``geometry``), an image of
    /// the geometry's input shape. Throws when the sinogram's size is wrong.
    public func reconstruct(_ sinogram: [Float]) throws -> [Float] {
        let shape = geometry.outputShape
        guard sinogram.count == shape.count else {
            throw OperatorError.shapeMismatch(what: "FBP sinogram", expected: shape, got: "\(sinogram.count) samples")
        }
        let image = geometry.inputShape
        let angleCount = shape.height, detectors = shape.width, channels = shape.channels, length = fft.dimensions[0]
        var result = [Float](repeating: 0, count: image.count)
        let cosines = geometry.angles.map { Float(cos($0)) }, sines = geometry.angles.map { Float(sin($0)) }
        let cx = Float(image.width - 1) / 2, cy = Float(image.height - 1) / 2, centre = Float(detectors - 1) / 2
        let scale = Float.pi / Float(angleCount), limit = Float(detectors)
        var bordered = [Float](repeating: 0, count: angleCount * (detectors + 2))
        for c in 0..<channels {
            fft.real.update(repeating: 0)
            for k in 0..<angleCount {
                for d in 0..<detectors { fft.real[k * length + d] = sinogram[(k * detectors + d) * channels + c] }
            }
            fft.forward()
            for k in 0..<angleCount {
                for f in 0..<response.count {
                    fft.spectrum[2 * (k * fft.spectrumCount + f)] *= response[f]
                    fft.spectrum[2 * (k * fft.spectrumCount + f) + 1] *= response[f]
                }
            }
            fft.backward()
            // Filtered rows with one zero on each side, so that both interpolated bins are always addressable.
            for k in 0..<angleCount {
                for d in 0..<detectors { bordered[k * (detectors + 2) + d + 1] = fft.real[k * length + d] }
            }
            bordered.withUnsafeBufferPointer { filtered in
                result.withUnsafeMutableBufferPointer { output in
                    parallelFor(image.height) { i in
                        let y = cy - Float(i)
                        withUnsafeTemporaryAllocation(of: Float.self, capacity: image.width) { row in
                            row.initialize(repeating: 0)
                            for k in 0..<angleCount {
                                // Bin coordinate of pixel (i, j): t = x_j cos θ + y sin θ + (D − 1)/2, linear in j.
                                let first = -cx * cosines[k] + y * sines[k] + centre, step = cosines[k]
                                let projection = filtered.baseAddress! + k * (detectors + 2)
                                for j in 0..<image.width {
                                    let t = first + Float(j) * step
                                    guard t > -1, t < limit else { continue }
                                    let lower = Int(t + 1)  // ⌊t⌋ + 1: the bordered index of the lower bin
                                    let w = t + 1 - Float(lower)
                                    row[j] += projection[lower] + w * (projection[lower + 1] - projection[lower])
                                }
                            }
                            for j in 0..<image.width { output[(i * image.width + j) * channels + c] = scale * row[j] }
                        }
                    }
                }
            }
        }
        return result
    }
}
