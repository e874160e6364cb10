import Dispatch
import Foundation
import INR

/// Time per element of the fused SIREN activation (sin(ω0·(z + b)) and ω0·cos(ω0·(z + b)) in one pass, as the
/// forward pass runs it) over a 31684 × 256 matrix on 2 threads; and of the bare SIMD sine/cosine in cache.
struct SineCosineBenchmark {
    func run() {
        let rows = 178 * 178, width = 256, count = rows * width
        let z = Buffer<Float>(count: count, repeating: 0.01)
        let product = Buffer<Float>(count: count, repeating: 0)
        let weight = Buffer<Float>(count: width * width, repeating: 0.01)
        for i in 0..<count { z.pointer[i] = Float(i % 1000) * 1e-3 - 0.5 }
        let network = try! Network(  // one sine layer 256 → 256; its forward pass is one sgemm and the fused pass
            architecture: Architecture(family: .siren(omegaFirst: 30, omegaHidden: 30), dimensions: [width, width],
                                       activatesLastLayer: true), seed: 0)
        let workspace = try! Workspace(architecture: network.architecture, capacity: rows, threads: 2)
        let forward = median((0..<7).map { _ in seconds { _ = try! network.forward(input: z.address, rows: rows, workspace: workspace) } })
        let sgemm = median((0..<7).map { _ in
            seconds {
                DenseProducts.forward(rows: rows, inputs: width, outputs: width, x: z.address,
                                      weight: weight.address, z: product.address, leadingDimension: width)
            }
        })
        print("  fused sine layer pass (forward − its sgemm), \(rows)×\(width), 2 threads: \(format((forward - sgemm) / Double(count) * 1e9, 2)) ns per element (sin + cos)")

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
