import Foundation
import Imaging

/// The registered forward operators, by name. A problem file's `operator:` mapping and `strainer simulate
/// --operator` are built here; adding an operator means adding one entry (README, "Adding an operator"). An entry's
/// `imageShape` tells from a measurement's shape the shape of the image it measures (`strainer reconstruct`).
public let operatorRegistry = Registry<any LinearOperator>(kind: "operator", entries: [
    RegistryEntry(name: "identity", summary: "y = x (denoising)", parameters: [], imageShape: { _, y in y }) { _, context in
        IdentityOperator(shape: context.shape)
    },
    RegistryEntry(
        name: "blur", summary: "y = k ∗ x per channel (FFT; circular or zero boundary)",
        parameters: [
            ParameterSpec("kernel", "one of gaussian|box|disk|motion|file", "kernel family"),
            ParameterSpec("sigma", "number > 0", "gaussian: standard deviation in pixels"),
            ParameterSpec("size", "integer ≥ 1", "box: side in pixels"),
            ParameterSpec("radius", "number > 0", "disk: radius in pixels"),
            ParameterSpec("length", "number ≥ 1", "motion: length in pixels"),
            ParameterSpec("angle", "number, default 0", "motion: degrees counter-clockwise from horizontal"),
            ParameterSpec("path", "string", "file: text matrix (.txt/.csv) or image (.png/.tif/.pgm), relative to the working directory"),
            ParameterSpec("boundary", "one of circular|zero, default circular", "what lies outside the image"),
        ],
        imageShape: { _, y in y }
    ) { parameters, context in
        let kernel = try BlurKernel.make(parameters, context: context)
        return try BlurOperator(shape: context.shape, kernel: kernel, boundary: parameters.choice("boundary", default: .circular))
    },
    RegistryEntry(
        name: "downsample", summary: "y = decimate_f(h ∗ x) (anti-alias filter, then keep one pixel in f×f)",
        parameters: [
            ParameterSpec("factor", "integer ≥ 1 dividing height and width", "decimation factor f"),
            ParameterSpec("filter", "one of box|bicubic|gaussian, default bicubic", "anti-alias filter"),
            ParameterSpec("sigma", "number > 0, default f/2", "gaussian: standard deviation in input pixels"),
        ],
        imageShape: { parameters, y in
            let factor = try parameters.integer("factor")
            guard factor >= 1, factor <= 64 else { throw parameters.invalid("factor", "must be an integer in 1…64, got \(factor)") }
            return ImageShape(height: y.height * factor, width: y.width * factor, channels: y.channels)
        }
    ) { parameters, context in
        let filter: DownsampleFilter = try parameters.choice("filter", default: .bicubic)
        let sigma = filter == .gaussian && parameters.has("sigma") ? try parameters.number("sigma") : nil
        return try DownsampleOperator(shape: context.shape, factor: parameters.integer("factor"), filter: filter, sigma: sigma)
    },
    RegistryEntry(
        name: "resize", summary: "y = R_h X R_wᵀ per channel (antialiased separable resize H×W → h×w, Pillow weights; any factor)",
        parameters: [
            ParameterSpec("factor", "number > 0 (or height + width)", "output h = max(1, round(H/factor)), w likewise"),
            ParameterSpec("height", "integer ≥ 1, with width (or factor)", "output height h"),
            ParameterSpec("width", "integer ≥ 1, with height (or factor)", "output width w"),
            ParameterSpec("method", "one of bicubic|area, default bicubic", "resampling weights"),
        ],
        imageShape: { parameters, y in
            guard parameters.has("factor") else { return nil }  // height and width name y's size, not the image's
            let factor = try parameters.number("factor")
            guard factor >= 1, factor <= 64 else { throw parameters.invalid("factor", "must be in 1…64 to size the image from the measurement, got \(factor)") }
            return ImageShape(height: Int((Double(y.height) * factor).rounded()), width: Int((Double(y.width) * factor).rounded()),
                              channels: y.channels)
        }
    ) { parameters, context in
        let (height, width) = try resizeTarget(parameters, shape: context.shape)
        let method: ResizeMethodName = try parameters.choice("method", default: .bicubic)
        return try ResizeOperator(shape: context.shape, height: height, width: width, method: method.method)
    },
    RegistryEntry(
        name: "inpaint", summary: "y = m ⊙ x (binary mask, 1 = observed)",
        parameters: [
            ParameterSpec("mask", "one of random|block|file", "how the mask is made"),
            ParameterSpec("fraction", "number in [0, 1]", "random: fraction of pixels kept"),
            ParameterSpec("seed", "integer ≥ 0, default 0", "random: mask seed"),
            ParameterSpec("block_height", "integer, default H/4", "block: height of the centred missing block"),
            ParameterSpec("block_width", "integer, default W/4", "block: width of the centred missing block"),
            ParameterSpec("path", "string", "file: text matrix or image (.png/.tif/.pgm) of the image size, nonzero = observed"),
        ],
        imageShape: { _, y in y }
    ) { parameters, context in
        try InpaintOperator(shape: context.shape, mask: InpaintMask.make(parameters, context: context))
    },
    RegistryEntry(
        name: "radon", summary: "y(θ, s) = ∫ x(s·e_θ + t·e_θ⊥) dt (parallel-beam CT, Joseph's method)",
        parameters: [
            ParameterSpec("angles", "integer ≥ 1", "number of angles, equispaced over [0, π)"),
            ParameterSpec("detectors", "integer ≥ 1, default ⌈√(H²+W²)⌉", "detector bins, spacing 1 pixel"),
        ],
        imageShape: { parameters, y in
            // The square N × N image whose default detector count ⌈N√2⌉ is the sinogram's width.
            guard !parameters.has("detectors") else { return nil }
            let side = (1...max(1, y.width)).last { Int((Double($0) * 2.0.squareRoot()).rounded(.up)) <= y.width } ?? 0
            guard side >= 1, Int((Double(side) * 2.0.squareRoot()).rounded(.up)) == y.width else { return nil }
            return ImageShape(height: side, width: side, channels: y.channels)
        }
    ) { parameters, context in
        let detectors = parameters.has("detectors") ? try parameters.integer("detectors") : nil
        return try RadonOperator(shape: context.shape, angleCount: parameters.integer("angles"), detectors: detectors)
    },
    RegistryEntry(
        name: "mri", summary: "y = M ⊙ F x (orthonormal 2-D DFT, Cartesian mask; complex output as 2 channels)",
        parameters: [
            ParameterSpec("mask", "one of equispaced|random|variable_density|full|file, default random", "sampling pattern"),
            ParameterSpec("acceleration", "number ≥ 1 (integer for equispaced), default 4", "acceleration R"),
            ParameterSpec("center_fraction", "number in [0, 1), default 0.08", "fully sampled centre fraction"),
            ParameterSpec("decay", "number > 0, default 2", "variable_density: density ∝ (1 − r)^decay"),
            ParameterSpec("seed", "integer ≥ 0, default 0", "mask seed"),
            ParameterSpec("path", "string", "file: the sampling mask, a text matrix or image (.png/.tif/.pgm) of k-space's size, nonzero = sampled"),
        ],
        imageShape: { parameters, y in
            guard y.channels % 2 == 0 else {
                throw parameters.invalid("measurement", "k-space has \(y.channels) channel(s); expected 2 per image channel (real, imaginary)")
            }
            return ImageShape(height: y.height, width: y.width, channels: y.channels / 2)
        }
    ) { parameters, context in
        try MRIOperator(shape: context.shape, mask: KSpaceMask.make(parameters, context: context))
    },
])

/// Kernel families selectable by the `blur` entry's `kernel` parameter.
enum KernelFamily: String, CaseIterable {
    case gaussian, box, disk, motion, file
}

/// Methods selectable by the `resize` entry's `method` parameter.
enum ResizeMethodName: String, CaseIterable {
    case bicubic, area

    var method: ResizeMethod {
        switch self {
        case .bicubic: .bicubic
        case .area: .areaAverage
        }
    }
}

/// The output size of a `resize` specification: either `factor` (h = max(1, round(H/factor)), w likewise) or
/// `height` and `width`, never both forms and never one of height/width alone. An output of more than
/// ``largestResizeOutput`` samples (an absurd upscaling) is refused rather than allocated.
func resizeTarget(_ parameters: ParameterReader, shape: ImageShape) throws -> (height: Int, width: Int) {
    let hasSize = parameters.has("height") || parameters.has("width")
    let height: Int, width: Int, culprit: String
    if parameters.has("factor") {
        guard !hasSize else {
            throw parameters.invalid("factor", "cannot be combined with height/width; give either factor or height and width")
        }
        let factor = try parameters.number("factor")
        guard factor > 0 else { throw parameters.invalid("factor", "must be > 0, got \(ParameterValue.number(factor))") }
        func side(_ length: Int) -> Int { max(1, Int(min((Double(length) / factor).rounded(), 1e9))) }
        (height, width, culprit) = (side(shape.height), side(shape.width), "factor")
    } else {
        guard hasSize else {
            throw OperatorError.missingParameter(owner: parameters.owner, parameter: "factor (or height and width)")
        }
        (height, width, culprit) = (try parameters.integer("height"), try parameters.integer("width"), "height")
        for (name, value) in [("height", height), ("width", width)] where value < 1 {
            throw parameters.invalid(name, "must be ≥ 1, got \(value)")
        }
    }
    guard Double(height) * Double(width) * Double(shape.channels) <= Double(largestResizeOutput) else {
        throw parameters.invalid(culprit, "makes a \(height)×\(width) output, more than \(largestResizeOutput) samples")
    }
    return (height, width)
}

/// The most samples a `resize` output may have (2²⁸ floats, 1 GiB).
let largestResizeOutput = 1 << 28

/// Mask families selectable by the `inpaint` entry's `mask` parameter.
enum InpaintMaskFamily: String, CaseIterable {
    case random, block, file
}

/// Mask families selectable by the `mri` entry's `mask` parameter.
enum KSpaceMaskFamily: String, CaseIterable {
    case equispaced, random, variableDensity = "variable_density", full, file
}

/// Reads a nonnegative integer seed.
func readSeed(_ parameters: ParameterReader) throws -> UInt64 {
    let seed = try parameters.integer("seed", default: 0)
    guard seed >= 0 else { throw parameters.invalid("seed", "must be ≥ 0, got \(seed)") }
    return UInt64(seed)
}

extension BlurKernel {
    /// The kernel named by a `blur` specification.
    /// The side of a parametric kernel is checked against the image before the kernel is built, so that an absurd
    /// σ, radius or length is an error rather than an enormous allocation.
    static func make(_ parameters: ParameterReader, context: BuildContext) throws -> BlurKernel {
        let limit = min(context.shape.height, context.shape.width)
        func requireSide(_ name: String, _ value: Double, side: (Double) -> Double) throws -> Double {
            let extent = side(value)
            guard extent <= Double(limit) else {
                throw parameters.invalid(name, "\(ParameterValue.number(value)) makes a \(Int(min(extent, 1e9)))-pixel kernel, larger than the \(context.shape.height)×\(context.shape.width) image")
            }
            return value
        }
        switch try parameters.choice("kernel") as KernelFamily {
        case .gaussian:
            return try .gaussian(sigma: requireSide("sigma", parameters.number("sigma")) { 2 * (3 * $0).rounded(.up) + 1 })
        case .box:
            return try .box(size: Int(requireSide("size", Double(parameters.integer("size"))) { $0 }))
        case .disk:
            return try .disk(radius: requireSide("radius", parameters.number("radius")) { 2 * $0.rounded(.up) + 1 })
        case .motion:
            return try .motion(length: requireSide("length", parameters.number("length")) { 2 * ($0 / 2).rounded(.up) + 1 },
                               angle: parameters.number("angle", default: 0))
        case .file:
            return try .file(context.resolve(parameters.string("path")))
        }
    }
}

extension InpaintMask {
    /// The mask named by an `inpaint` specification.
    static func make(_ parameters: ParameterReader, context: BuildContext) throws -> InpaintMask {
        let shape = context.shape
        switch try parameters.choice("mask") as InpaintMaskFamily {
        case .random:
            return try .random(height: shape.height, width: shape.width, fraction: parameters.number("fraction"),
                               seed: readSeed(parameters))
        case .block:
            return try .block(height: shape.height, width: shape.width,
                              blockHeight: parameters.integer("block_height", default: max(1, shape.height / 4)),
                              blockWidth: parameters.integer("block_width", default: max(1, shape.width / 4)))
        case .file:
            return try .file(context.resolve(parameters.string("path")))
        }
    }
}

extension KSpaceMask {
    /// The mask named by an `mri` specification.
    static func make(_ parameters: ParameterReader, context: BuildContext) throws -> KSpaceMask {
        let (height, width) = (context.shape.height, context.shape.width)
        let family: KSpaceMaskFamily = try parameters.choice("mask", default: .random)
        // Read only by the sampled families, so that e.g. `{mask: full, seed: 3}` is rejected as inapplicable.
        func centerFraction() throws -> Double { try parameters.number("center_fraction", default: 0.08) }
        func acceleration() throws -> Double { try parameters.number("acceleration", default: 4) }
        switch family {
        case .full:
            return try .full(height: height, width: width)
        case .file:
            let mask = try KSpaceMask.file(context.resolve(parameters.string("path")))
            guard mask.height == height, mask.width == width else {
                throw parameters.invalid("path", "holds a \(mask.height)×\(mask.width) mask; expected k-space's size \(height)×\(width)")
            }
            return mask
        case .equispaced:
            let rate = try acceleration()
            guard rate == rate.rounded(), rate <= 1e9 else {
                throw parameters.invalid("acceleration", "must be an integer (at most 10⁹) for equispaced masks, got \(rate)")
            }
            guard rate >= 1 else { throw parameters.invalid("acceleration", "must be ≥ 1, got \(rate)") }
            return try .equispaced(height: height, width: width, acceleration: Int(rate),
                                   centerFraction: centerFraction(), seed: readSeed(parameters))
        case .random:
            return try .random(height: height, width: width, acceleration: acceleration(),
                               centerFraction: centerFraction(), seed: readSeed(parameters))
        case .variableDensity:
            let decay = try parameters.number("decay", default: 2)
            guard decay > 0 else { throw parameters.invalid("decay", "must be > 0, got \(decay)") }
            return try .variableDensity(height: height, width: width, acceleration: acceleration(),
                                        centerFraction: centerFraction(), decay: decay, seed: readSeed(parameters))
        }
    }
}
