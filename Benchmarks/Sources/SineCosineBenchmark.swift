import Dispatch
import Foundation
import INR

/// Time per element of the fused SIREN activation (sin(ω0·(z + b)) and ω0·cos(ω0·(z + b)) in one pass, as the
/// forward pass runs it) over a 31684 × 256 matrix on 2 threads; and of the bare SIMD sine/cosine in cache.
struct SineCosineBenchmark {
    func run() {
        let rows = 178 * 178, width = 256, count = rows * width
        // A 1 → 256 sine layer: its product is a cheap outer product, so its forward pass is essentially the
        // fused pass (bias, sine, cosine, two stores) over a 31684 × 256 matrix.
        let network = try! Network(
            architecture: Architecture(family: .siren(omegaFirst: 30, omegaHidden: 30), dimensions: [1, width],
                                       activatesLastLayer: true), seed: 0)
        let workspace = try! Workspace(architecture: network.architecture, capacity: rows, threads: 2)
        let input = Buffer<Float>(count: rows, repeating: 0)
        for i in 0..<rows { input.pointer[i] = Float(i) / Float(rows) * 2 - 1 }
        let pass = median((0..<9).map { _ in seconds { _ = try! network.forward(input: input.address, rows: rows, workspace: workspace) } })
        print("  fused sine layer forward (1 → 256, N = \(rows)), 2 threads: \(format(pass * 1e3)) ms = \(format(pass / Double(count) * 1e9, 2)) ns per element (sin + cos + bias + stores); 40.6 M elements would take \(format(pass / Double(count) * 40.6e6 * 1e3)) ms")

        let inCache = 4096
        let time = median((0..<5).map { _ in
            seconds {
                DispatchQueue.concurrentPerform(iterations: 2) { t in
                    var x = SIMD16<Float>((0..<16).map { Float($0 + t) * 0.37 })
                    var acc = SIMD16<Float>()
                    for _ in 0..<(inCache * 64 / 16) {
                        let (s, c) = SIMD16<Float>.sineCosine(x)
                        acc += s + c
                        x += 0.001
                    }
                    if acc.sum() == .infinity { print("") }
                }
            }
        })
        print("  SIMD16 sine+cosine in registers, 2 threads: \(format(time / Double(2 * inCache * 64) * 1e9 * 2, 2)) ns per element per thread, \(format(time / Double(2 * inCache * 64) * 1e9, 2)) ns per element on 2 threads")
    }
}
