import CBLAS
import Dispatch
import Foundation
import INR

/// GFLOP/s of the three products of a 256 → 256 dense layer on N rows (2·N·256·256 flops each), issued two ways:
/// as one sgemm over all rows with OpenBLAS's own threads, and as the network passes issue them — 2 threads share
/// shards of 4 blocks of 512 rows, each block one single-threaded sgemm (the weight gradient then sums the
/// per-shard results in shard order). The weight-gradient product contracts over the long dimension (K = N).
struct ProductBenchmark {
    let rows: Int
    let repeats: Int
    let width = 256
    let blockRows: Int

    init(_ options: BenchOptions) {
        rows = options.integer("rows", default: 178 * 178)
        repeats = options.integer("repeats", default: 7)
        blockRows = options.integer("block-rows", default: 512)
    }

    typealias Product = (_ rows: Range<Int>, _ output: UnsafeMutablePointer<Float>, _ accumulate: Bool) -> Void

    func run() {
        let x = Buffer<Float>(count: rows * width, repeating: 0.25)
        let z = Buffer<Float>(count: rows * width, repeating: 0.5)
        let w = Buffer<Float>(count: width * width, repeating: 0.125)
        let shardRows = 4 * blockRows
        let shards = (rows + shardRows - 1) / shardRows
        let partials = Buffer<Float>(count: shards * width * width, repeating: 0)
        let (xp, zp, wp, width) = (x.address, z.address, w.address, width)
        let products: [(String, Bool, Product)] = [
            ("forward      Z = X·Wᵀ   (\(rows)×256)·(256×256)", false, { r, out, _ in
                DenseProducts.forward(rows: r.count, inputs: width, outputs: width, x: xp + r.lowerBound * width,
                                      weight: wp, z: out + r.lowerBound * width, leadingDimension: width)
            }),
            ("input grad   dX = dZ·W  (\(rows)×256)·(256×256)", false, { r, out, _ in
                DenseProducts.inputGradient(rows: r.count, inputs: width, outputs: width, dz: zp + r.lowerBound * width,
                                            weight: wp, dx: out + r.lowerBound * width, accumulate: false)
            }),
            ("weight grad  dW = dZᵀ·X (256×\(rows))·(\(rows)×256)", true, { r, out, accumulate in
                DenseProducts.weightGradient(rows: r.count, inputs: width, outputs: width, dz: zp + r.lowerBound * width,
                                             x: xp + r.lowerBound * width, dw: out, accumulate: accumulate)
            }),
        ]
        let flops = 2.0 * Double(rows) * Double(width * width)
        let output = Buffer<Float>(count: rows * width, repeating: 0)
        for (name, reduces, product) in products {
            // Nothing else runs in this process: OpenBLAS's thread count is set for each measurement alone.
            openblas_set_num_threads(Int32(ProcessInfo.processInfo.activeProcessorCount))
            let whole = measure { product(0..<rows, reduces ? partials.address : output.address, false) }
            openblas_set_num_threads(1)
            let blocked = measure {
                nonisolated(unsafe) let target = output.address, partial = partials.address
                nonisolated(unsafe) let product = product
                DispatchQueue.concurrentPerform(iterations: 2) { worker in
                    for shard in stride(from: worker, to: shards, by: 2) {
                        let first = shard * shardRows, end = min(first + shardRows, rows)
                        var start = first
                        while start < end {
                            let block = start..<min(start + blockRows, end)
                            product(block, reduces ? partial + shard * width * width : target, start != first)
                            start = block.upperBound
                        }
                    }
                }
                if reduces {
                    for shard in 1..<max(shards, 1) {
                        for i in 0..<(width * width) { partial[i] += partial[shard * width * width + i] }
                    }
                }
            }
            print("  \(name): OpenBLAS threads \(format(flops / whole / 1e9)) GFLOP/s; as the step runs it \(format(flops / blocked / 1e9)) GFLOP/s")
        }
    }

    private func measure(_ body: () -> Void) -> Double {
        body()
        return median((0..<repeats).map { _ in seconds(body) })
    }
}
