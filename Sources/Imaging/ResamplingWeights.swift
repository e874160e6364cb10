/// A one-dimensional linear resampling from `inputCount` samples to `outputCount`:
/// `output[o] = Σ_k weights[o][k] · input[starts[o] + k]`.
///
/// Images are resized separably with two of these, one for columns and one for rows (``Image/resized(height:width:method:)``).
/// Package-visible so that the resize forward operator (module Operators) applies exactly these weights.
package struct ResamplingWeights {
    package let inputCount: Int
    /// First input sample of each output sample.
    package let starts: [Int]
    /// Weights of each output sample, over the inputs `starts[o] ..< starts[o] + weights[o].count`.
    package let weights: [[Double]]

    package var outputCount: Int { starts.count }
}

extension ResamplingWeights {
    /// The weights of `method` from `n` samples to `m` (both ≥ 1).
    package init(_ method: ResizeMethod, from n: Int, to m: Int) {
        self = switch method {
        case .areaAverage: .areaAverage(from: n, to: m)
        case .bicubic: .bicubic(from: n, to: m)
        }
    }
}

extension Image {
    /// This image resampled along columns by `columns`, then along rows by `rows` (sums in `Double`).
    func resampled(columns: ResamplingWeights, rows: ResamplingWeights) -> Image {
        resampledAlongColumns(columns).transposed().resampledAlongColumns(rows).transposed()
    }

    /// Applies `weights` to every row: the width changes from `weights.inputCount` to `weights.outputCount`.
    private func resampledAlongColumns(_ weights: ResamplingWeights) -> Image {
        var output = Image(height: height, width: weights.outputCount, channels: channels)
        var sums = [Double](repeating: 0, count: channels)
        for row in 0..<height {
            let inputRow = row * width * channels
            for column in 0..<weights.outputCount {
                for channel in 0..<channels { sums[channel] = 0 }
                let start = weights.starts[column]
                for (k, weight) in weights.weights[column].enumerated() {
                    let input = inputRow + (start + k) * channels
                    for channel in 0..<channels { sums[channel] += weight * Double(pixels[input + channel]) }
                }
                let target = (row * weights.outputCount + column) * channels
                for channel in 0..<channels { output.pixels[target + channel] = Float(sums[channel]) }
            }
        }
        return output
    }

    /// Rows and columns exchanged (each pixel keeps its channels together).
    private func transposed() -> Image {
        var output = Image(height: width, width: height, channels: channels)
        for row in 0..<height {
            for column in 0..<width {
                let source = (row * width + column) * channels
                let target = (column * height + row) * channels
                for channel in 0..<channels { output.pixels[target + channel] = pixels[source + channel] }
            }
        }
        return output
    }
}
