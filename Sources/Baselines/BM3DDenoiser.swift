import Operators
import Parallelism

/// An image as channel planes: sample (`i`, `j`) of channel `c` at `(c · height + i) · width + j`. BM3D reads
/// block rows from it as contiguous vectors.
struct ChannelPlanes {
    let height: Int
    let width: Int
    let channels: Int
    var samples: [Float]
}

/// Block-matching and 3-D filtering (Dabov, Foi, Katkovnik, Egiazarian, IEEE TIP 2007), on planes whose first
/// channel leads the block matching (the luminance, for colour: CBM3D's grouping, shared by the channels).
///
/// For each reference block `Z_R` (every ``BM3DParameters/step`` pixels, plus the last row and column):
///
/// 1. **Hard thresholding.** Group the blocks of the noisy image closest to `Z_R` (``BlockMatching``, `N₂ = 16`,
///    `τ = 2500/255²`), take the separable 3-D transform `T = Haar₃ ∘ bior1.5₂` of each channel's group (DCT₂ for
///    strong noise, ``BM3DParameters/published(sigma:)``; the 2-D transform with unit-norm rows and Haar orthonormal,
///    so every coefficient of the noise has standard deviation σ_c), set the coefficients with `|t| < λ_3D σ_c` to 0, transform back, and weight the group by
///    `w = 1 / (σ_c² N_c)`, `N_c` the coefficients kept (1 if none).
/// 2. **Wiener filtering.** Group again on the first estimate `ŷ¹` (`N₂ = 32`, `τ = 400/255²`); with the 3-D transform
///    `T = Haar₃ ∘ DCT₂` and `P = T(ŷ¹ group)` as pilot, shrink the noisy group's coefficients by
///    `W = P² / (P² + σ_c²)`, transform back, weight by `w = 1 / (σ_c² ‖W‖²)`.
///
/// The 2-D transforms are the paper's (section VI; ``SeparableBlockTransform``).
///
/// Each stage's estimate is `Σ w · k · Ŷ / Σ w · k` over all the blocks put back (``AggregationBand``, `k` the Kaiser
/// window). The reference blocks' rows are split into fixed chunks of ``rowsPerChunk``; chunks run on every core
/// (or serially), each into its own band, and the bands are added in chunk order: the same bits either way.
struct BM3DDenoiser {
    var parameters = BM3DParameters()
    /// Whether the chunks run on every core (`parallelFor`) or one after another; the result is the same.
    var parallel = true
    /// Reference-block rows per chunk of work. Part of the result's definition (it fixes the order of the sums).
    static let rowsPerChunk = 4

    private enum Stage { case hardThresholding, wiener(pilot: ChannelPlanes) }

    /// Both stages on `noisy`, whose channel `c` has noise of standard deviation `sigmas[c] > 0`.
    func denoise(_ noisy: ChannelPlanes, sigmas: [Float]) -> ChannelPlanes {
        let basic = hardThresholdingEstimate(noisy, sigmas: sigmas)
        return run(.wiener(pilot: basic), on: noisy, sigmas: sigmas)
    }

    /// The first stage alone: the basic estimate.
    func hardThresholdingEstimate(_ noisy: ChannelPlanes, sigmas: [Float]) -> ChannelPlanes {
        run(.hardThresholding, on: noisy, sigmas: sigmas)
    }

    /// The corners `0, step, 2·step, …` below `length − N₁`, then `length − N₁` itself.
    static func referencePositions(length: Int, step: Int) -> [Int] {
        var positions = Array(stride(from: 0, to: length - Block.side, by: step))
        positions.append(length - Block.side)
        return positions
    }

    private func run(_ stage: Stage, on noisy: ChannelPlanes, sigmas: [Float]) -> ChannelPlanes {
        let (height, width, channels) = (noisy.height, noisy.width, noisy.channels)
        let rows = Self.referencePositions(length: height, step: parameters.step)
        let columns = Self.referencePositions(length: width, step: parameters.step)
        let chunkCount = (rows.count + Self.rowsPerChunk - 1) / Self.rowsPerChunk
        var bands = [AggregationBand?](repeating: nil, count: chunkCount)
        bands.withUnsafeMutableBufferPointer { bands in
            let work = { (chunk: Int) in
                let chunkRows = rows[chunk * Self.rowsPerChunk..<min(rows.count, (chunk + 1) * Self.rowsPerChunk)]
                bands[chunk] = filter(stage, rows: chunkRows, columns: columns, noisy: noisy, sigmas: sigmas)
            }
            if parallel { parallelFor(chunkCount, work) } else { (0..<chunkCount).forEach(work) }
        }
        var numerator = [Float](repeating: 0, count: noisy.samples.count), denominator = numerator
        for case let band? in bands { band.addInto(numerator: &numerator, denominator: &denominator, imageHeight: height) }
        // Every pixel lies in some reference block, which leads its own group: the denominator is positive.
        return ChannelPlanes(height: height, width: width, channels: channels,
                             samples: (0..<numerator.count).map { numerator[$0] / denominator[$0] })
    }

    /// The groups of the reference blocks at `rows × columns`, filtered and put back into one band.
    private func filter(_ stage: Stage, rows: ArraySlice<Int>, columns: [Int], noisy: ChannelPlanes,
                        sigmas: [Float]) -> AggregationBand {
        let (height, width) = (noisy.height, noisy.width)
        let bandTop = max(0, rows.first! - parameters.searchRadius)
        let bandBottom = min(height, rows.last! + parameters.searchRadius + Block.side)
        var band = AggregationBand(top: bandTop, height: bandBottom - bandTop, width: width, channels: noisy.channels)
        let matching: BlockMatching, pilot: ChannelPlanes?
        switch stage {
        case .hardThresholding:
            matching = BlockMatching(searchRadius: parameters.searchRadius, maxGroupSize: parameters.hardThresholdingGroupSize,
                                     threshold: parameters.hardThresholdingMatchThreshold)
            pilot = nil
        case let .wiener(estimate):
            matching = BlockMatching(searchRadius: parameters.searchRadius, maxGroupSize: parameters.wienerGroupSize,
                                     threshold: parameters.wienerMatchThreshold)
            pilot = estimate
        }
        let transform = pilot == nil ? SeparableBlockTransform.named(parameters.hardThresholdingTransform) : .cosine
        let window = KaiserWindow.block(beta: parameters.kaiserBeta)
        let capacity = matching.maxGroupSize
        let matches = UnsafeMutablePointer<BlockMatch>.allocate(capacity: capacity)
        let group = UnsafeMutablePointer<Block>.allocate(capacity: capacity)
        let pilotGroup = UnsafeMutablePointer<Block>.allocate(capacity: capacity)
        let scratch = UnsafeMutablePointer<Block>.allocate(capacity: capacity)
        defer {
            matches.deallocate()
            [group, pilotGroup, scratch].forEach { $0.deallocate() }
        }
        noisy.samples.withUnsafeBufferPointer { noisySamples in
            (pilot ?? noisy).samples.withUnsafeBufferPointer { matchedSamples in
                let planeSize = height * width
                for top in rows {
                    for left in columns {
                        let count = matching.group(top: top, left: left, in: matchedSamples.baseAddress!,
                                                   height: height, width: width, into: matches)
                        for channel in 0..<noisy.channels {
                            let sigma = sigmas[channel]
                            load(group, count: count, from: noisySamples.baseAddress! + channel * planeSize,
                                 width: width, matches: matches, transform: transform, scratch: scratch)
                            let weight: Float
                            if pilot != nil {
                                load(pilotGroup, count: count, from: matchedSamples.baseAddress! + channel * planeSize,
                                     width: width, matches: matches, transform: transform, scratch: scratch)
                                weight = Self.wienerShrink(group, count: count, pilot: pilotGroup, sigma: sigma)
                            } else {
                                weight = Self.hardThreshold(group, count: count, threshold: parameters.thresholdFactor * sigma,
                                                            sigma: sigma)
                            }
                            HaarTransform.inverse(group, count: count, scratch: scratch)
                            let weights = window.scaled(by: weight)
                            for k in 0..<count {
                                band.add(transform.inverse(group[k]), weights: weights, channel: channel,
                                         row: Int(matches[k].top), column: Int(matches[k].left))
                            }
                        }
                    }
                }
            }
        }
        return band
    }

    /// Fills `group[0..<count]` with the 3-D transform (`transform` on each block, then Haar along the group) of the
    /// blocks at `matches` of `plane`.
    @inline(__always)
    private func load(_ group: UnsafeMutablePointer<Block>, count: Int, from plane: UnsafePointer<Float>, width: Int,
                      matches: UnsafeMutablePointer<BlockMatch>, transform: SeparableBlockTransform,
                      scratch: UnsafeMutablePointer<Block>) {
        for k in 0..<count {
            group[k] = transform.forward(Block(plane, width: width, top: Int(matches[k].top), left: Int(matches[k].left)))
        }
        HaarTransform.forward(group, count: count, scratch: scratch)
    }

    /// Sets the coefficients with `|t| < threshold` to 0; returns the group's weight `1 / (σ² · kept)`.
    @inline(__always)
    static func hardThreshold(_ group: UnsafeMutablePointer<Block>, count: Int, threshold: Float, sigma: Float) -> Float {
        var kept = SIMD8<Float>.zero
        let one = SIMD8<Float>(repeating: 1), limit = SIMD8<Float>(repeating: threshold)
        for k in 0..<count {
            for row in 0..<Block.side {
                let coefficients = group[k][row]
                let small = (coefficients .< limit) .& (coefficients .> -limit)
                group[k][row] = coefficients.replacing(with: 0, where: small)
                kept += one.replacing(with: 0, where: small)
            }
        }
        return 1 / (sigma * sigma * max(1, kept.sum()))
    }

    /// Multiplies the coefficients by `W = P² / (P² + σ²)` of the `pilot` group; returns the weight `1 / (σ² ‖W‖²)`
    /// (`‖W‖²` at least 10⁻⁶, so a pilot of zeros gives a large finite weight, not an infinite one).
    @inline(__always)
    static func wienerShrink(_ group: UnsafeMutablePointer<Block>, count: Int, pilot: UnsafeMutablePointer<Block>,
                             sigma: Float) -> Float {
        var energy = SIMD8<Float>.zero
        let variance = sigma * sigma
        for k in 0..<count {
            for row in 0..<Block.side {
                let p = pilot[k][row], power = p * p
                let shrink = power / (power + variance)
                group[k][row] *= shrink
                energy += shrink * shrink
            }
        }
        return 1 / (variance * max(energy.sum(), 1e-6))
    }
}

extension Block {
    /// Every sample times `s`.
    @inline(__always)
    func scaled(by s: Float) -> Block {
        var result = Block.zero
        for row in 0..<Block.side { result[row] = s * self[row] }
        return result
    }
}
