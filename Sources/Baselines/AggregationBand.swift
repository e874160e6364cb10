/// BM3D's aggregation (Dabov et al. 2007, eq. 11), for the reference blocks of a few rows: the weighted sums
/// `Σ w_R · k · Ŷ` and `Σ w_R · k` (`k` the Kaiser window, `w_R` the group's weight, `Ŷ` a block's estimate) over the
/// rows `top ..< top + height` those blocks can reach, one plane per channel. Bands of successive reference rows
/// overlap; their sums are added into the image in a fixed order, so the result does not depend on which thread
/// filled which band.
struct AggregationBand {
    let top: Int
    let height: Int
    let width: Int
    /// `Σ w·k·Ŷ`, channel after channel, each `height × width`.
    private(set) var numerator: [Float]
    /// `Σ w·k`, laid out as ``numerator``.
    private(set) var denominator: [Float]

    init(top: Int, height: Int, width: Int, channels: Int) {
        self.top = top
        self.height = height
        self.width = width
        numerator = [Float](repeating: 0, count: channels * height * width)
        denominator = numerator
    }

    /// Adds `weights ⊙ estimate` and `weights` at the block whose top-left pixel is (`row`, `column`) of the image.
    @inline(__always)
    mutating func add(_ estimate: Block, weights: Block, channel: Int, row: Int, column: Int) {
        let origin = (channel * height + row - top) * width + column
        let rowBytes = width * MemoryLayout<Float>.stride
        numerator.withUnsafeMutableBytes { sums in
            denominator.withUnsafeMutableBytes { totals in
                for r in 0..<Block.side {
                    let offset = origin * MemoryLayout<Float>.stride + r * rowBytes
                    let sum = sums.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self) + weights[r] * estimate[r]
                    sums.storeBytes(of: sum, toByteOffset: offset, as: SIMD8<Float>.self)
                    let total = totals.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self) + weights[r]
                    totals.storeBytes(of: total, toByteOffset: offset, as: SIMD8<Float>.self)
                }
            }
        }
    }

    /// Adds this band's sums into the image-sized `numerator` and `denominator` (channel planes of `imageHeight` rows).
    func addInto(numerator imageNumerator: inout [Float], denominator imageDenominator: inout [Float], imageHeight: Int) {
        let channels = numerator.count / (height * width)
        for channel in 0..<channels {
            let source = channel * height * width, target = (channel * imageHeight + top) * width
            for k in 0..<height * width {
                imageNumerator[target + k] += numerator[source + k]
                imageDenominator[target + k] += denominator[source + k]
            }
        }
    }
}
