import Foundation
import INR

/// Median wall time of one full-batch Adam step of the STRAINER-paper SIREN (6 × 256, ω0 = 30) fitting a
/// size × size image, the same work as one timed step of the PyTorch peer; plus a breakdown and memory.
struct StepBenchmark {
    let channels: Int
    let size: Int
    let iterations: Int
    let warmup: Int
    let json: Bool
    let blockRows: Int

    init(_ options: BenchOptions) {
        channels = options.integer("channels", default: 1)
        size = options.integer("size", default: 178)
        iterations = options.integer("iterations", default: 30)
        warmup = options.integer("warmup", default: 3)
        json = options.flags.contains("json")
        blockRows = options.integer("block-rows", default: 512)
    }

    /// The peer's grid: rows then columns of `linspace(−1, 1, size)`, N = size² rows of (y, x).
    func linspaceGrid(_ size: Int) -> Matrix {
        let axis = (0..<size).map { Float(-1 + 2 * Double($0) / Double(max(size - 1, 1))) }
        var grid = Matrix(rows: size * size, columns: 2)
        for (index, (y, x)) in axis.flatMap({ y in axis.map { (y, $0) } }).enumerated() {
            grid[index, 0] = y
            grid[index, 1] = x
        }
        return grid
    }

    /// A smooth synthetic target in [−1, 1] (the step time does not depend on the image content).
    func syntheticTarget(_ coordinates: Matrix) -> Matrix {
        var target = Matrix(rows: coordinates.rows, columns: channels)
        for i in 0..<coordinates.rows {
            let (y, x) = (Double(coordinates[i, 0]), Double(coordinates[i, 1]))
            for c in 0..<channels {
                let f = Double(3 + 2 * c)
                target[i, c] = Float(0.5 * sin(Double.pi * f * x) * cos(Double.pi * (f + 1) * y))
            }
        }
        return target
    }

    func run() throws {
        let coordinates = linspaceGrid(size)
        let target = syntheticTarget(coordinates)
        let architecture = try Architecture.siren(outputs: channels)
        let network = try Network(architecture: architecture, seed: 0)
        let fit = try ImageFit(
            network: network, coordinates: coordinates, target: target,
            options: FitOptions(iterations: warmup + iterations, blockRows: blockRows))

        var steps = [Double]()
        for i in 0..<(warmup + iterations) {
            let t = try seconds { try fit.step() }
            if i >= warmup { steps.append(t) }
        }
        var forwards = [Double]()
        var gradients = [Double]()
        var updates = [Double]()
        var gradient = fit.gradient
        var parameters = fit.network.parameters
        try target.values.withUnsafeBufferPointer { t in
            for _ in 0..<max(3, iterations / 3) {
                forwards.append(try seconds { _ = try fit.network.evaluate(coordinates, workspace: fit.workspace) })
                gradients.append(try seconds {
                    _ = try fit.network.gradient(coordinates, workspace: fit.workspace, into: &gradient) { _, output in
                        MeanSquaredError.lossGradient(
                            output: output, target: t.baseAddress!, totalCount: target.values.count, workspace: fit.workspace)
                    }
                })
                updates.append(try seconds { try fit.adam.update(parameters: &parameters, gradient: gradient) })
            }
        }
        let n = coordinates.rows
        let sumInOut = fit.network.layout.layers.reduce(0) { $0 + $1.inputs * $1.outputs }
        let flops = 6.0 * Double(n) * Double(sumInOut)
        let step = median(steps)
        let activations = (0..<architecture.layerCount).reduce(0) { total, k in
            total + n * architecture.outputs(ofLayer: k) * (architecture.activation(ofLayer: k) == .identity ? 1 : 2)
        } * 4
        let parameterBytes = 4 * 4 * fit.network.layout.count  // θ, gradient, two Adam moments
        let result: [String: Any] = [
            "channels": channels, "size": size, "rows": n, "iterations": iterations,
            "median_step_seconds": step, "min_step_seconds": steps.min() ?? .nan,
            "forward_seconds": median(forwards), "forward_backward_seconds": median(gradients),
            "adam_seconds": median(updates),
            "matmul_gflop_per_step": flops / 1e9, "achieved_gflops": flops / step / 1e9,
            "peak_rss_bytes": ResourceUsage.peakResidentBytes, "activation_bytes": activations, "parameter_bytes": parameterBytes,
        ]
        if json {
            let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("SIREN 6×256, C=\(channels), \(size)×\(size) (N=\(n)), full batch, Adam:")
            print("  median step \(format(step * 1e3)) ms (min \(format((steps.min() ?? 0) * 1e3)) ms) → \(format(flops / step / 1e9)) GFLOP/s of matrix products")
            print("  forward \(format(median(forwards) * 1e3)) ms, forward+loss+backward \(format(median(gradients) * 1e3)) ms, Adam update \(format(median(updates) * 1e3, 2)) ms (medians of separate runs)")
            print("  peak RSS \(ResourceUsage.peakResidentBytes >> 20) MiB; activations kept \(activations >> 20) MiB + 4 × parameters \(parameterBytes >> 10) KiB")
        }
    }
}
