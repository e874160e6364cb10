/// A block found similar to a reference block: its top-left corner and its distance to the reference.
struct BlockMatch {
    var distance: Float
    var top: Int32
    var left: Int32
}

/// BM3D's grouping by block matching (Dabov et al. 2007, eq. 2 and 5): the blocks `Z_x` of one plane whose corner
/// lies within `searchRadius` rows and columns of the reference block `Z_R`'s corner (a window of
/// `2·searchRadius + 1` = 39 positions a side, cut at the image border), at normalised distance
/// `d(Z_R, Z_x) = ‖Z_R − Z_x‖² / N₁² ≤ threshold`, the closest first, at most `maxGroupSize` of them, then cut to
/// the largest power of two (the Haar transform along the group needs one). The reference itself always leads
/// the group. Ties keep scanning order (row by row), so a group depends only on the plane.
struct BlockMatching {
    /// Half side of the search window, in pixels.
    let searchRadius: Int
    /// Most blocks in a group, a power of two.
    let maxGroupSize: Int
    /// Largest normalised distance `‖Z_R − Z_x‖² / N₁²` of a block joining the group (intensities in [0, 1]).
    let threshold: Float

    /// Writes the group of the block at (`top`, `left`) of `plane` (`height × width`, row-major) to
    /// `matches[0..<n]` (room for ``maxGroupSize``) and returns `n`, a power of two ≥ 1.
    func group(top: Int, left: Int, in plane: UnsafePointer<Float>, height: Int, width: Int,
               into matches: UnsafeMutablePointer<BlockMatch>) -> Int {
        let reference = Block(plane, width: width, top: top, left: left)
        matches[0] = BlockMatch(distance: -1, top: Int32(top), left: Int32(left))   // first whatever the others
        var count = 1
        let scale = 1 / Float(Block.side * Block.side)
        let rows = max(0, top - searchRadius)...min(height - Block.side, top + searchRadius)
        let columns = max(0, left - searchRadius)...min(width - Block.side, left + searchRadius)
        for i in rows {
            for j in columns where i != top || j != left {
                let distance = Block.squaredDistance(reference, Block(plane, width: width, top: i, left: j)) * scale
                guard distance <= threshold else { continue }
                if count == maxGroupSize {
                    guard distance < matches[count - 1].distance else { continue }
                    count -= 1
                }
                // Insert keeping the distances ascending; an equal distance goes after the earlier-scanned block.
                var slot = count
                while matches[slot - 1].distance > distance {
                    matches[slot] = matches[slot - 1]
                    slot -= 1
                }
                matches[slot] = BlockMatch(distance: distance, top: Int32(i), left: Int32(j))
                count += 1
            }
        }
        var size = 1
        while size * 2 <= count { size *= 2 }
        return size
    }
}
