/// The orthonormal Haar transform along the third dimension of a BM3D group: `n = 2^k` blocks (`k ≥ 0`), each
/// position of the blocks transformed as a sequence of length `n`.
///
/// Full dyadic decomposition: at each level the first `L` entries (`L = n, n/2, …, 2`) become `L/2` sums
/// `(a + b)/√2` followed by `L/2` differences `(a − b)/√2` of the pairs `(a, b) = (g[2i], g[2i + 1])`. Each level is
/// an orthogonal matrix, so the transform is orthonormal: the inverse is its transpose and white noise of standard
/// deviation σ keeps σ in every coefficient. Entry 0 ends as `Σ g / √n`, the group's mean times `√n`.
enum HaarTransform {
    /// `1/√2`.
    private static let halfRoot: Float = 0.70710678118654752440

    /// Transforms `group[0..<count]` in place; `scratch` holds at least `count / 2` blocks. `count` is a power of 2.
    static func forward(_ group: UnsafeMutablePointer<Block>, count: Int, scratch: UnsafeMutablePointer<Block>) {
        var length = count
        while length > 1 {
            let half = length / 2
            for i in 0..<half { scratch[i] = group[2 * i].scaledDifference(group[2 * i + 1], halfRoot) }
            for i in 0..<half { group[i] = group[2 * i].scaledSum(group[2 * i + 1], halfRoot) }
            for i in 0..<half { group[half + i] = scratch[i] }
            length = half
        }
    }

    /// Inverts ``forward(_:count:scratch:)`` in place.
    static func inverse(_ group: UnsafeMutablePointer<Block>, count: Int, scratch: UnsafeMutablePointer<Block>) {
        var length = 2
        while length <= count {
            let half = length / 2
            for i in 0..<half { scratch[i] = group[half + i] }
            for i in stride(from: half - 1, through: 0, by: -1) {
                let sum = group[i], difference = scratch[i]
                group[2 * i] = sum.scaledSum(difference, halfRoot)
                group[2 * i + 1] = sum.scaledDifference(difference, halfRoot)
            }
            length *= 2
        }
    }
}

extension Block {
    /// `s · (self + other)`, sample by sample.
    @inline(__always)
    func scaledSum(_ other: Block, _ s: Float) -> Block {
        var result = Block.zero
        for row in 0..<Block.side { result[row] = s * (self[row] + other[row]) }
        return result
    }

    /// `s · (self − other)`, sample by sample.
    @inline(__always)
    func scaledDifference(_ other: Block, _ s: Float) -> Block {
        var result = Block.zero
        for row in 0..<Block.side { result[row] = s * (self[row] - other[row]) }
        return result
    }
}
