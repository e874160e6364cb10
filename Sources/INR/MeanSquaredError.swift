import Foundation
import Parallelism

/// The image-fitting loss L = (1/(N·C)) Σ_i Σ_c (y_ic − t_ic)² over all pixels and channels, targets in [−1, 1],
/// and the PSNR reported on the [0, 1] scale with peak 1, as the PyTorch peer computes it.
public enum MeanSquaredError {
    /// For one chunk: returns Σ (y − t)² (Double) and overwrites `output` y with dL/dy = 2(y − t)/`totalCount`,
    /// where `totalCount` = N·C of the whole batch (so per-chunk gradients sum to the full-batch gradient).
    /// `output` is `workspace`'s output of its last forward pass; the sum is taken over its shards in order, the
    /// same on any number of threads.
    public static func lossGradient(
        output: UnsafeMutableBufferPointer<Float>, target: UnsafePointer<Float>, totalCount: Int,
        workspace: Workspace
    ) -> Double {
        let scale = 2 / Float(totalCount)
        let y = output.baseAddress!
        let sums = workspace.lossPartials.address
        let rows = workspace.rows
        let width = output.count / max(rows, 1)
        workspace.forEachShard(rows: rows) { _, shard, range in
            var sum = 0.0
            for i in (range.lowerBound * width)..<(range.upperBound * width) {
                let e = y[i] - target[i]
                sum += Double(e * e)
                y[i] = scale * e
            }
            sums[shard] = sum
        }
        return (0..<workspace.shardCount(rows: rows)).reduce(0.0) { $0 + sums[$1] }
    }

    /// MSE of the prediction clipped to [−1, 1] against `target` (both N × C), summed in Double.
    public static func clippedError(prediction: Matrix, target: Matrix) -> Double {
        var sum = 0.0
        for (y, t) in zip(prediction.values, target.values) {
            let e = Double(min(max(y, -1), 1) - t)
            sum += e * e
        }
        return sum / Double(max(target.values.count, 1))
    }

    /// PSNR in dB on the [0, 1] scale, peak 1, from an MSE measured on [−1, 1]: 10·log10(1 / (mse/4)).
    public static func psnr(meanSquaredErrorOnPlusMinusOne mse: Double) -> Double {
        mse > 0 ? 10 * log10(4 / mse) : .infinity
    }
}
