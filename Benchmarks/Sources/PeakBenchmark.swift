import AVX512Kernel
import Dispatch
import Foundation
import INR

/// The fp32 fused-multiply-add peak of the cores: ``fusedMultiplyAddChains(_:iterations:seed:)`` on every core.
/// The SIMD8 (AVX2) loop is the width INR's own code runs at; on CPUs with AVX-512 the SIMD16 loop, compiled for
/// AVX-512, gives the peak that OpenBLAS's 512-bit kernels can approach.
struct PeakBenchmark {
    /// The kernel over SIMD8<Float>, compiled for this target (AVX2).
    @inline(never)
    static func kernel256(iterations: Int, seed: Float) -> Float {
        fusedMultiplyAddChains(SIMD8<Float>.self, iterations: iterations, seed: seed)
    }

    /// GFLOP/s of `kernel` (lanes wide) on `threads` threads, median of 5 runs.
    static func measure(threads: Int, lanes: Int, _ kernel: @escaping @Sendable (Int, Float) -> Float) -> Double {
        let iterations = 20_000_000
        let times = (0..<5).map { _ in
            seconds {
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    if kernel(iterations, Float(t)) == .infinity { print("") }
                }
            }
        }
        return Double(iterations) * 12 * Double(lanes) * 2 * Double(threads) / median(times) / 1e9
    }

    func run() {
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let avx2 = Self.measure(threads: threads, lanes: 8, Self.kernel256)
        print("  fp32 FMA peak, SIMD8 (AVX2), \(threads) threads: \(format(avx2)) GFLOP/s; 1 thread: \(format(Self.measure(threads: 1, lanes: 8, Self.kernel256)))")
        if BLASRuntime.bestSupportedCore() == "SkylakeX" {
            let avx512 = Self.measure(threads: threads, lanes: 16, fusedMultiplyAdd512)
            print("  fp32 FMA peak, SIMD16 (AVX-512), \(threads) threads: \(format(avx512)) GFLOP/s; 1 thread: \(format(Self.measure(threads: 1, lanes: 16, fusedMultiplyAdd512)))")
        }
    }
}
