import Imaging
import XCTest

final class CoordinateGridTests: XCTestCase {
    func testSmallGridIsRowCoordinateFirstInRasterOrder() {
        // linspace(−1, 1, 3) = (−1, 0, 1) down the rows; linspace(−1, 1, 5) = (−1, −½, 0, ½, 1) across.
        let grid = CoordinateGrid.make(height: 3, width: 5)
        var expected = [Float]()
        for y: Float in [-1, 0, 1] { for x: Float in [-1, -0.5, 0, 0.5, 1] { expected += [y, x] } }
        XCTAssertEqual(grid, expected)
    }

    func testLargeGridMatchesTheClosedForm() {
        let (height, width) = (178, 131)
        let grid = CoordinateGrid.make(height: height, width: width)
        XCTAssertEqual(grid.count, 2 * height * width)
        for i in 0..<height {
            for j in 0..<width {
                let row = i * width + j
                XCTAssertEqual(Double(grid[2 * row]), -1 + 2 * Double(i) / Double(height - 1), accuracy: 1e-7)
                XCTAssertEqual(Double(grid[2 * row + 1]), -1 + 2 * Double(j) / Double(width - 1), accuracy: 1e-7)
            }
        }
        XCTAssertEqual(grid.last, 1)
    }

    func testSingleRowOrColumnSitsAtMinusOne() {
        XCTAssertEqual(CoordinateGrid.make(height: 1, width: 2), [-1, -1, -1, 1])
        XCTAssertEqual(CoordinateGrid.make(height: 0, width: 4), [])
    }
}
