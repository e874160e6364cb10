import Dispatch
import Foundation
import INR

/// Cost of the sine activation in the forward pass: a 256 → 256 sine layer (product, then sin(ω0·(z + b)) and
/// ω0·cos(ω0·(z + b)) in one pass) against the same layer with ReLU (same product, same loads and stores), over
/// 31684 rows on 2 threads; and the bare SIMD sine/cosine in registers.
struct SineCosineBenchmark {
    func run() {
        let rows = 178 * 178, width = 256, count = rows * width
        let input = Buffer<Float>(count: count, repeating: 0)
        for i in 0..<count { input.pointer[i] = Float(i % 1000) * 2e-3 - 1 }
        func layerForward(_ family: Family) -> Double {
            let network = try! Network(
                architecture: Architecture(family: family, dimensions: [width, width], activatesLastLayer: true), seed: 0)
            let workspace = try! Workspace(architecture: network.architecture, capacity: rows, threads: 2)
            return median((0..<9).map { _ in seconds { _ = try! network.forward(input: input.address, rows: rows, workspace: workspace) } })
        }
        let sine = layerForward(.siren(omegaFirst: 30, omegaHidden: 30)), relu = layerForward(.relu)
        print("  256 → 256 layer forward, N = \(rows), 2 threads: sine \(format(sine * 1e3)) ms, ReLU \(format(relu * 1e3)) ms → sine + cosine cost \(format((sine - relu) / Double(count) * 1e9, 2)) ns per element; 40.6 M per step ≈ \(format((sine - relu) / Double(count) * 40.6e6 * 1e3)) ms")

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
