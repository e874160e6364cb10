import INR
@testable import Reconstruction
import XCTest

final class MemoryBudgetTests: XCTestCase {
    func testSizesParse() throws {
        XCTAssertEqual(try MemoryBudget(parsing: "512M").bytes, 512 << 20)
        XCTAssertEqual(try MemoryBudget(parsing: "4G").bytes, 4 << 30)
        XCTAssertEqual(try MemoryBudget(parsing: "1.5g").bytes, 3 << 29)
        XCTAssertEqual(try MemoryBudget(parsing: "4GB").bytes, 4 << 30)
        XCTAssertEqual(try MemoryBudget(parsing: "1000").bytes, 1000)
        for bad in ["", "-1G", "G", "4X", "1e30"] {
            XCTAssertThrowsError(try MemoryBudget(parsing: bad), bad)
        }
    }

    /// The workspace of the 6 × 256 SIREN takes 4 bytes × (5 × 256 × 2 + 3) a row (activations and σ' of five
    /// hidden layers, the linear output layer's 3); the chunk is what the budget leaves after the per-pixel buffers
    /// (8 + 24·C bytes) and the parameters with Adam's moments (12 bytes each); the whole grid when it all fits.
    func testTheChunkIsWhatTheBudgetLeaves() throws {
        let siren = try Architecture.siren(outputs: 3)
        XCTAssertEqual(Workspace.bytesPerRow(of: siren), 4 * (5 * 256 * 2 + 3))
        let pixels = 512 * 768
        let fixed = pixels * (8 + 24 * 3) + 12 * ParameterLayout(siren).count
        let budget = MemoryBudget(bytes: fixed + 10_000 * Workspace.bytesPerRow(of: siren))
        XCTAssertEqual(try budget.chunkRows(pixels: pixels, channels: 3, architecture: siren), 10_000)
        XCTAssertNil(try MemoryBudget(bytes: 1 << 40).chunkRows(pixels: pixels, channels: 3, architecture: siren))
        XCTAssertThrowsError(try MemoryBudget(bytes: fixed).chunkRows(pixels: pixels, channels: 3, architecture: siren)) { error in
            XCTAssertTrue("\(error)".hasPrefix("--max-memory is "), "\(error)")
        }
    }
}
