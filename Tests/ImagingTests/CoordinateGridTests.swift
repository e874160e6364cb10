import Imaging
import XCTest

final class CoordinateGridTests: XCTestCase {
    func testSmallGridIsRowCoordinateFirstInRasterOrder() {
        // The longer side: linspace(−1, 1, 5) = (−1, −½, 0, ½, 1) across; the 3 rows at the same spacing ½,
        // centred: (−½, 0, ½).
        let grid = CoordinateGrid.make(height: 3, width: 5)
        var expected = [Float]()
        for y: Float in [-0.5, 0, 0.5] { for x: Float in [-1, -0.5, 0, 0.5, 1] { expected += [y, x] } }
        XCTAssertEqual(grid, expected)
    }

    /// A square grid is `torch.linspace(−1, 1, n)` on both axes, to the bit (the PyTorch peers' convention).
    func testSquareGridIsLinspaceToTheBit() {
        let n = 178
        let grid = CoordinateGrid.make(height: n, width: n)
        for i in 0..<n {
            let value = Float(-1 + 2 * Double(i) / Double(n - 1))
            XCTAssertEqual(grid[2 * (i * n)], value)
            XCTAssertEqual(grid[2 * i + 1], value)
        }
        XCTAssertEqual(grid.last, 1)
    }

    /// Any aspect ratio: square pixels (one spacing h = 2/(L − 1) on both axes), the longer side from −1 to 1, the
    /// shorter one centred on 0 — in both orientations.
    func testNonSquareGridsHaveSquarePixelsCentredOnZero() {
        for (height, width) in [(131, 178), (178, 131), (2, 7)] {
            let grid = CoordinateGrid.make(height: height, width: width)
            XCTAssertEqual(grid.count, 2 * height * width)
            let h = 2 / Double(max(height, width) - 1)
            for i in 0..<height {
                for j in 0..<width {
                    let row = i * width + j
                    XCTAssertEqual(Double(grid[2 * row]), (Double(i) - Double(height - 1) / 2) * h, accuracy: 1e-7)
                    XCTAssertEqual(Double(grid[2 * row + 1]), (Double(j) - Double(width - 1) / 2) * h, accuracy: 1e-7)
                }
            }
            let ys = Set(stride(from: 0, to: grid.count, by: 2).map { grid[$0] })
            let xs = Set(stride(from: 1, to: grid.count, by: 2).map { grid[$0] })
            let longer = height >= width ? ys : xs
            XCTAssertEqual(longer.min(), -1)
            XCTAssertEqual(longer.max(), 1)
            let shorter = height >= width ? xs : ys
            XCTAssertEqual(Double(shorter.min()! + shorter.max()!), 0, accuracy: 1e-7)
        }
    }

    func testDegenerateGrids() {
        XCTAssertEqual(CoordinateGrid.make(height: 1, width: 1), [-1, -1])
        XCTAssertEqual(CoordinateGrid.make(height: 1, width: 3), [0, -1, 0, 0, 0, 1])
        XCTAssertEqual(CoordinateGrid.make(height: 0, width: 4), [])
    }
}
