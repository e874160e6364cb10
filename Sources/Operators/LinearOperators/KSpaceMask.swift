import Foundation
import SeededRandom

/// A Cartesian k-space sampling mask, `height × width` of `0`/`1`, indexed in **centred** order (the DC
/// coefficient at row `H/2`, column `W/2`, as after `fftshift`). ``MRIOperator`` maps it to FFTW's order.
///
/// Line masks sample whole columns (phase encoding along the width, as fastMRI): a fully sampled centre band of
/// `round(W · centerFraction)` columns plus the outer columns chosen by the pattern.
public struct KSpaceMask: Equatable, Sendable {
    public let height: Int
    public let width: Int
    public let values: [Float]

    /// Wraps `values` (centred order, row-major, `height · width` of them; 1 = sampled).
    public init(height: Int, width: Int, values: [Float]) throws {
        try requireMaskSize(values.count, height, width, owner: "mri")
        self.height = height
        self.width = width
        self.values = values
    }

    /// The mask in a file (a text matrix or an image, see `readMatrixFile`), centred order, nonzero = sampled.
    public static func file(_ url: URL) throws -> KSpaceMask {
        let matrix = try readMatrixFile(url)
        return try KSpaceMask(height: matrix.rows, width: matrix.columns, values: matrix.values.map { $0 != 0 ? 1 : 0 })
    }

    /// Every coefficient sampled (`A` becomes the unitary DFT).
    public static func full(height: Int, width: Int) throws -> KSpaceMask {
        try KSpaceMask(height: height, width: width, values: [Float](repeating: 1, count: height * width))
    }

    /// The centre band plus every `R`-th column, starting at a seeded offset in `0..<R`
    /// (fastMRI's `EquispacedMaskFunc` without its rate adjustment: the sampled fraction is ≈ `1/R + centerFraction`).
    public static func equispaced(height: Int, width: Int, acceleration: Int, centerFraction: Double, seed: UInt64) throws -> KSpaceMask {
        try validate(acceleration: Double(acceleration), centerFraction: centerFraction)
        var generator = RandomSource(seed: seed)
        let offset = Int(generator.next() % UInt64(acceleration))
        return try lines(height: height, width: width, centerFraction: centerFraction) { column in
            (column - offset) % acceleration == 0
        }
    }

    /// The centre band plus each outer column independently with probability
    /// `(W/R − n_c)/(W − n_c)` (`n_c` centre columns), so that `W/R` columns are expected in all
    /// (fastMRI's `RandomMaskFunc`).
    public static func random(height: Int, width: Int, acceleration: Double, centerFraction: Double, seed: UInt64) throws -> KSpaceMask {
        try validate(acceleration: acceleration, centerFraction: centerFraction)
        let centre = Int((Double(width) * centerFraction).rounded())
        let probability = centre >= width ? 0 : max(0, min(1, (Double(width) / acceleration - Double(centre)) / Double(width - centre)))
        var generator = RandomSource(seed: seed)
        let chosen = (0..<width).map { _ in generator.unitInterval() < probability }
        return try lines(height: height, width: width, centerFraction: centerFraction) { chosen[$0] }
    }

    /// Independent points with probability `p(r) = min(1, c·(1 − r)^decay)`, `r` the radius normalised to 1 at
    /// the k-space corners, `c` fitted by bisection so that `H·W/R` points are expected, plus a fully sampled
    /// disk of radius `centerFraction · min(H, W) / 2`.
    public static func variableDensity(height: Int, width: Int, acceleration: Double, centerFraction: Double,
                                       decay: Double = 2, seed: UInt64) throws -> KSpaceMask {
        try validate(acceleration: acceleration, centerFraction: centerFraction)
        let radii = (0..<height * width).map { index -> Double in
            let u = Double(index / width - height / 2) / Double(max(1, height / 2))
            let v = Double(index % width - width / 2) / Double(max(1, width / 2))
            return min(1, ((u * u + v * v) / 2).squareRoot())
        }
        let centreRadius = centerFraction * Double(min(height, width)) / 2
        let inCentre = (0..<height * width).map { index -> Bool in
            let u = Double(index / width - height / 2), v = Double(index % width - width / 2)
            return (u * u + v * v).squareRoot() <= centreRadius
        }
        let target = Double(height * width) / acceleration
        func expected(_ c: Double) -> Double {
            zip(radii, inCentre).reduce(0) { $0 + ($1.1 ? 1 : min(1, c * pow(1 - $1.0, decay))) }
        }
        var low = 0.0, high = 1.0
        while expected(high) < target && high < 1e12 { high *= 2 }
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if expected(middle) < target { low = middle } else { high = middle }
        }
        var generator = RandomSource(seed: seed)
        let values = zip(radii, inCentre).map { radius, centre -> Float in
            let draw = generator.unitInterval()
            return centre || draw < min(1, high * pow(1 - radius, decay)) ? 1 : 0
        }
        return try KSpaceMask(height: height, width: width, values: values)
    }

    /// Fraction of sampled coefficients.
    public var sampledFraction: Double { Double(values.reduce(0, +)) / Double(max(1, values.count)) }

    private static func lines(height: Int, width: Int, centerFraction: Double, outer: (Int) -> Bool) throws -> KSpaceMask {
        let centre = Int((Double(width) * centerFraction).rounded())
        let start = (width - centre + 1) / 2
        let columns = (0..<width).map { column in (start..<start + centre).contains(column) || outer(column) }
        let values = (0..<height * width).map { columns[$0 % width] ? Float(1) : 0 }
        return try KSpaceMask(height: height, width: width, values: values)
    }

    private static func validate(acceleration: Double, centerFraction: Double) throws {
        guard acceleration >= 1, acceleration.isFinite else {
            throw OperatorError.invalidParameter(owner: "mri", parameter: "acceleration", message: "must be ≥ 1, got \(acceleration)")
        }
        guard (0..<1).contains(centerFraction) else {
            throw OperatorError.invalidParameter(owner: "mri", parameter: "center_fraction",
                message: "must be in [0, 1), got \(centerFraction)")
        }
    }
}

/// Throws unless a mask has `height · width` values and a positive size.
func requireMaskSize(_ count: Int, _ height: Int, _ width: Int, owner: String) throws {
    guard height >= 1, width >= 1, count == height * width else {
        throw OperatorError.invalidParameter(owner: owner, parameter: "mask",
            message: "has \(count) values for a \(height)×\(width) mask; expected \(max(0, height * width))")
    }
}
