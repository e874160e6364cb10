/// The input coordinates of an implicit neural representation: one `(y, x)` pair per pixel, at pixel centres.
///
/// The longer side spans [−1, 1] end to end, as `torch.linspace(−1, 1, n)` does for a square image (the
/// convention of the PyTorch peers, so square grids are theirs to the bit); the shorter side has the same spacing
/// h = 2/(L − 1), L = max(height, width), centred on 0. Pixels are square in coordinate space for any aspect
/// ratio, so a network (or a prior trained on square images) sees the same geometry in a 512 × 768 photo as in a
/// square crop of it: a 256 × 512 image spans y ∈ [−255h/2, 255h/2] ≈ [−0.499, 0.499], x ∈ [−1, 1].
public enum CoordinateGrid {
    /// An `N × 2` row-major matrix (`N = height · width`), rows in raster order: row `i·width + j` is
    /// `(y_i, x_j)`, the row coordinate first (as `torch.meshgrid(…, indexing: "ij")`), with
    /// `y_i = (i − (height − 1)/2)·h` and `x_j = (j − (width − 1)/2)·h`, computed on the longer side as
    /// `−1 + 2i/(L − 1)`. A 1 × 1 image has the single coordinate (−1, −1) (as `linspace(−1, 1, 1)`).
    public static func make(height: Int, width: Int) -> [Float] {
        let longer = max(height, width)
        let ys = axis(height, longer: longer), xs = axis(width, longer: longer)
        var grid = [Float]()
        grid.reserveCapacity(2 * height * width)
        for y in ys {
            for x in xs {
                grid.append(y)
                grid.append(x)
            }
        }
        return grid
    }

    /// `count` coordinates spaced 2/(longer − 1) apart, centred on 0 (from −1 to 1 when `count == longer`),
    /// computed in `Double` and rounded once.
    private static func axis(_ count: Int, longer: Int) -> [Float] {
        guard longer > 1 else { return count == 1 ? [-1] : [] }
        if count == longer { return (0..<count).map { Float(-1 + 2 * Double($0) / Double(count - 1)) } }
        let spacing = 2 / Double(longer - 1), centre = Double(count - 1) / 2
        return (0..<count).map { Float((Double($0) - centre) * spacing) }
    }
}
