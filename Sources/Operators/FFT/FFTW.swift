import CFFTW
import Foundation

/// FFTW's planner (plan creation and destruction) is not thread-safe; every call into it takes this lock.
/// Executing an existing plan is thread-safe and does not lock.
let fftwPlannerLock = NSLock()

/// The FFTW library the operators run on.
public enum FFTWLibrary {
    /// Its version and the SIMD instruction sets it was built with ("fftw-3.3.10-sse2-avx"); which of them a plan
    /// uses depends on the CPU, so the last bits of a transform do too.
    public static var version: String { String(cString: strainer_fftwf_version()) }
}

/// FFTW planner effort for the operators that transform images (``BlurOperator``, ``MRIOperator``).
public enum FFTPlanning: Sendable {
    /// Heuristic plans, made instantly. The plan depends only on the sizes, so results are bit-for-bit
    /// reproducible between runs. The default.
    case estimate
    /// Plans chosen by timing candidate algorithms when the operator is made (about a second at 512², then about
    /// twice as fast per transform). The choice depends on timings, so results may differ between runs in the last
    /// bits; use it where speed matters more than bitwise reproducibility.
    case measure

    var flags: UInt32 { self == .estimate ? 1 << 6 : 0 }  // FFTW_ESTIMATE, FFTW_MEASURE
}

/// A forward and a backward FFTW plan, made and destroyed under ``fftwPlannerLock``.
struct FFTPlanPair {
    private let forwardPlan: OpaquePointer
    private let backwardPlan: OpaquePointer

    /// Calls `make` (which creates the two plans) holding the planner lock.
    init(_ make: () -> (forward: OpaquePointer?, backward: OpaquePointer?)) {
        fftwPlannerLock.lock()
        let plans = make()
        fftwPlannerLock.unlock()
        forwardPlan = plans.forward!
        backwardPlan = plans.backward!
    }

    func forward() { fftwf_execute(forwardPlan) }
    func backward() { fftwf_execute(backwardPlan) }

    /// Destroys both plans; the pair must not be used afterwards.
    func destroy() {
        fftwPlannerLock.lock()
        fftwf_destroy_plan(forwardPlan)
        fftwf_destroy_plan(backwardPlan)
        fftwPlannerLock.unlock()
    }
}

/// How a batch of transforms sits in memory: `interleaved` is the ``ImageShape`` layout (the batch index is the
/// fastest-varying, stride `batch`); `contiguous` stores the transforms one after another.
enum FFTBatchLayout {
    case interleaved, contiguous
}

/// A batch of real-to-complex (forward) and complex-to-real (backward) transforms of rank 1 or 2, planned
/// once on buffers this object owns. Unnormalised, as FFTW: backward(forward(x)) = (∏ dimensions) · x.
///
/// The spectrum of a transform with dimensions `[P, Q]` has `P × (Q/2 + 1)` complex entries, stored as
/// `(re, im)` float pairs. Backward destroys the spectrum.
final class RealFFT {
    let dimensions: [Int]
    let batch: Int
    /// Real samples, `∏ dimensions · batch`.
    let real: UnsafeMutableBufferPointer<Float>
    /// Spectrum as `(re, im)` pairs, `2 · spectrumCount · batch` floats.
    let spectrum: UnsafeMutableBufferPointer<Float>
    /// Complex entries per transform, `∏ dimensions[..<last] · (last/2 + 1)`.
    let spectrumCount: Int
    private let plans: FFTPlanPair

    init(dimensions: [Int], batch: Int, layout: FFTBatchLayout, planning: FFTPlanning) {
        self.dimensions = dimensions
        self.batch = batch
        let realCount = dimensions.reduce(1, *)
        spectrumCount = dimensions.dropLast().reduce(1, *) * (dimensions.last! / 2 + 1)
        real = UnsafeMutableBufferPointer(start: fftwf_alloc_real(realCount * batch), count: realCount * batch)
        let complex = fftwf_alloc_complex(spectrumCount * batch)!
        spectrum = UnsafeMutableBufferPointer(
            start: UnsafeMutableRawPointer(complex).assumingMemoryBound(to: Float.self), count: 2 * spectrumCount * batch)
        var n = dimensions.map { Int32($0) }
        let rank = Int32(dimensions.count)
        let stride = Int32(layout == .interleaved ? batch : 1)
        let realDistance = Int32(layout == .interleaved ? 1 : realCount)
        let complexDistance = Int32(layout == .interleaved ? 1 : spectrumCount)
        let realStart = real.baseAddress
        plans = FFTPlanPair {
            (fftwf_plan_many_dft_r2c(rank, &n, Int32(batch), realStart, nil, stride, realDistance,
                                     complex, nil, stride, complexDistance, planning.flags),
             fftwf_plan_many_dft_c2r(rank, &n, Int32(batch), complex, nil, stride, complexDistance,
                                     realStart, nil, stride, realDistance, planning.flags))
        }
        real.initialize(repeating: 0)
        spectrum.initialize(repeating: 0)
    }

    /// `spectrum ← F(real)`.
    func forward() { plans.forward() }
    /// `real ← F⁻¹(spectrum) · ∏ dimensions`; destroys `spectrum`.
    func backward() { plans.backward() }

    deinit {
        plans.destroy()
        fftwf_free(real.baseAddress)
        fftwf_free(spectrum.baseAddress)
    }
}

/// A batch of in-place 2-D complex transforms on an `H × W × batch` interleaved buffer of `(re, im)` pairs,
/// planned once. Unnormalised: backward(forward(z)) = H·W·z.
final class ComplexFFT2D {
    let height: Int, width: Int, batch: Int
    /// `(re, im)` pairs, `2 · height · width · batch` floats, interleaved as ``ImageShape`` with `2·batch` channels.
    let data: UnsafeMutableBufferPointer<Float>
    private let plans: FFTPlanPair

    init(height: Int, width: Int, batch: Int, planning: FFTPlanning) {
        self.height = height
        self.width = width
        self.batch = batch
        let count = height * width * batch
        let complex = fftwf_alloc_complex(count)!
        data = UnsafeMutableBufferPointer(
            start: UnsafeMutableRawPointer(complex).assumingMemoryBound(to: Float.self), count: 2 * count)
        var n: [Int32] = [Int32(height), Int32(width)]
        let stride = Int32(batch)
        plans = FFTPlanPair {
            (fftwf_plan_many_dft(2, &n, stride, complex, nil, stride, 1, complex, nil, stride, 1, FFTW_FORWARD, planning.flags),
             fftwf_plan_many_dft(2, &n, stride, complex, nil, stride, 1, complex, nil, stride, 1, FFTW_BACKWARD, planning.flags))
        }
        data.initialize(repeating: 0)
    }

    /// `data ← F(data)` with `F_kl = Σ z_ij e^{−2πi(ik/H + jl/W)}`.
    func forward() { plans.forward() }
    /// `data ← Σ z_kl e^{+2πi(ik/H + jl/W)}`.
    func backward() { plans.backward() }

    deinit {
        plans.destroy()
        fftwf_free(data.baseAddress)
    }
}

/// The smallest `n' ≥ n` of the form `2^a·3^b`: with heuristic (`estimate`) plans FFTW transforms these sizes
/// fastest (measured at 512–640: factors 5 and 7 cost 30–100 % more per element than 2 and 3).
func fftFriendlySize(atLeast n: Int) -> Int {
    var candidate = max(1, n)
    while true {
        var m = candidate
        for p in [2, 3] { while m % p == 0 { m /= p } }
        if m == 1 { return candidate }
        candidate += 1
    }
}
