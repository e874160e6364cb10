import AVX512Kernel
import Dispatch
import Foundation
import INR

/// The fp32 fused-multiply-add peak of the cores: register-only loops of 12 independent FMA chains (enough to
/// cover FMA latency × throughput) on every core, 2 flops per lane per FMA. The SIMD8 (AVX2) loop is the width INR's
/// own code runs at; on CPUs with AVX-512 the SIMD16 loop, compiled for AVX-512, gives the peak that OpenBLAS's
/// 512-bit kernels can approach.
struct PeakBenchmark {
    @inline(never)
    static func kernel256(iterations: Int, seed: Float) -> Float {
        typealias V = SIMD8<Float>
        let a = V(repeating: 0.999_999), b = V(repeating: seed * 1e-7)
        var (c0, c1, c2, c3, c4, c5) = (V(repeating: 0), V(repeating: 1), V(repeating: 2), V(repeating: 3), V(repeating: 4), V(repeating: 5))
        var (c6, c7, c8, c9, c10, c11) = (V(repeating: 6), V(repeating: 7), V(repeating: 8), V(repeating: 9), V(repeating: 10), V(repeating: 11))
        for _ in 0..<iterations {
            c0 = c0.addingProduct(a, b); c1 = c1.addingProduct(a, b); c2 = c2.addingProduct(a, b)
            c3 = c3.addingProduct(a, b); c4 = c4.addingProduct(a, b); c5 = c5.addingProduct(a, b)
            c6 = c6.addingProduct(a, b); c7 = c7.addingProduct(a, b); c8 = c8.addingProduct(a, b)
            c9 = c9.addingProduct(a, b); c10 = c10.addingProduct(a, b); c11 = c11.addingProduct(a, b)
        }
        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).sum()
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
        if BLASRuntime.bestSupportedCore == "SkylakeX" {
            let avx512 = Self.measure(threads: threads, lanes: 16, fusedMultiplyAdd512)
            print("  fp32 FMA peak, SIMD16 (AVX-512), \(threads) threads: \(format(avx512)) GFLOP/s; 1 thread: \(format(Self.measure(threads: 1, lanes: 16, fusedMultiplyAdd512)))")
        }
    }
}
