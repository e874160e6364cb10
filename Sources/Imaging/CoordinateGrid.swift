/// The input coordinates of an implicit neural representation: one `(y, x)` pair per pixel.
public enum CoordinateGrid {
    /// An `N × 2` row-major matrix (`N = height · width`), rows in raster order: row `i·width + j` is
    /// `(y_i, x_j)` with `y_i = −1 + 2i/(height − 1)` and `x_j = −1 + 2j/(width − 1)` — the row coordinate
    /// first, as `torch.meshgrid(linspace(−1, 1, height), linspace(−1, 1, width), indexing: "ij")` gives.
    /// A side of length 1 has the single coordinate −1 (as `linspace(−1, 1, 1)`).
    public static func make(height: Int, width: Int) -> [Float] {
        let ys = linspace(height), xs = linspace(width)
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

    /// `count` equally spaced values from −1 to 1 inclusive, computed in `Double` and rounded once.
    private static func linspace(_ count: Int) -> [Float] {
        guard count > 1 else { return count == 1 ? [-1] : [] }
        return (0..<count).map { Float(-1 + 2 * Double($0) / Double(count - 1)) }
    }
}
