import INR

/// GFLOP/s of the three products of a 256 → 256 dense layer on N rows (2·N·256·256 flops each), as INR issues
/// them through ``DenseProducts``; the weight-gradient product contracts over the long dimension K = N.
struct ProductBenchmark {
    let rows: Int
    let repeats: Int
    let width = 256

    init(_ options: BenchOptions) {
        rows = options.integer("rows", default: 178 * 178)
        repeats = options.integer("repeats", default: 7)
    }

    func run() {
        let x = Buffer<Float>(count: rows * width, repeating: 0.25)
        let z = Buffer<Float>(count: rows * width, repeating: 0.5)
        let w = Buffer<Float>(count: width * width, repeating: 0.125)
        let scratch = Buffer<Float>(count: width * width, repeating: 0)
        let flops = 2.0 * Double(rows) * Double(width * width)
        let shapes: [(String, () -> Void)] = [
            ("forward      Z = X·Wᵀ   (\(rows)×256)·(256×256)", {
                DenseProducts.forward(rows: rows, inputs: width, outputs: width, x: x.address, weight: w.address,
                                      z: z.address, leadingDimension: width)
            }),
            ("input grad   dX = dZ·W  (\(rows)×256)·(256×256)", {
                DenseProducts.inputGradient(rows: rows, inputs: width, outputs: width, dz: z.address, weight: w.address,
                                            dx: x.address, accumulate: false)
            }),
            ("weight grad  dW = dZᵀ·X (256×\(rows))·(\(rows)×256)", {
                DenseProducts.weightGradient(rows: rows, inputs: width, outputs: width, dz: z.address, x: x.address,
                                             dw: w.address, accumulate: false)
            }),
            ("weight grad, rows split over 2 single-threaded sgemm calls", {
                DenseProducts.weightGradientSplittingRows(
                    rows: rows, inputs: width, outputs: width, dz: z.address, x: x.address, dw: w.address,
                    accumulate: false, scratch: scratch.address)
            }),
        ]
        for (name, product) in shapes {
            product()
            let times = (0..<repeats).map { _ in seconds(product) }
            print("  \(name): median \(format(flops / median(times) / 1e9)) GFLOP/s, best \(format(flops / times.min()! / 1e9))")
        }
    }
}
