import Dispatch
import Foundation

/// The fp32 fused-multiply-add peak of the cores: a register-only loop of 12 independent SIMD8<Float> FMA chains
/// (enough to cover FMA latency × throughput) on every core; 2 flops per lane per FMA.
struct PeakBenchmark {
    @inline(never)
    static func kernel(iterations: Int, seed: Float) -> Float {
        typealias V = SIMD8<Float>
        let a = V(repeating: 0.999_999), b = V(repeating: seed * 1e-7)
        var acc = (0..<12).map { V(repeating: Float($0)) }
        var (c0, c1, c2, c3, c4, c5) = (acc[0], acc[1], acc[2], acc[3], acc[4], acc[5])
        var (c6, c7, c8, c9, c10, c11) = (acc[6], acc[7], acc[8], acc[9], acc[10], acc[11])
        for _ in 0..<iterations {
            c0 = c0.addingProduct(a, b); c1 = c1.addingProduct(a, b); c2 = c2.addingProduct(a, b)
            c3 = c3.addingProduct(a, b); c4 = c4.addingProduct(a, b); c5 = c5.addingProduct(a, b)
            c6 = c6.addingProduct(a, b); c7 = c7.addingProduct(a, b); c8 = c8.addingProduct(a, b)
            c9 = c9.addingProduct(a, b); c10 = c10.addingProduct(a, b); c11 = c11.addingProduct(a, b)
        }
        acc = [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11]
        return acc.reduce(V()) { $0 + $1 }.sum()
    }

    /// GFLOP/s on `threads` threads (median of 5 runs).
    static func measure(threads: Int) -> Double {
        let iterations = 20_000_000
        let flopsPerThread = Double(iterations) * 12 * 8 * 2
        let times = (0..<5).map { _ in
            seconds {
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    if kernel(iterations: iterations, seed: Float(t)) == .infinity { print("") }
                }
            }
        }
        return flopsPerThread * Double(threads) / median(times) / 1e9
    }

    func run() {
        let threads = ProcessInfo.processInfo.activeProcessorCount
        print("  fp32 FMA peak (SIMD8, AVX2 FMA), \(threads) threads: \(format(Self.measure(threads: threads))) GFLOP/s; 1 thread: \(format(Self.measure(threads: 1)))")
    }
}
