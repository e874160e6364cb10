import XCTest
@testable import Reporting

/// The per-image table against the hand-worked curves of ``ComparisonTableTests``: siren's best is 25 on image a and
/// 30 on b; strainer's 28 and 31; the cg baseline's 21 and 23.
final class PerImageTableTests: XCTestCase {
    func testCellsGiveEachImagesBestAndTheDifferenceFromTheReference() {
        let table = PerImageTable(problem: "p", curves: ComparisonTableTests.curves, methods: ["siren", "strainer", "cg"],
                                  reference: "siren")
        XCTAssertEqual(table.images, ["a", "b"], "the other problem's image is not listed")
        XCTAssertTrue(table.isInformative)
        let (header, rows) = table.cells
        XCTAssertEqual(header, ["image", "siren", "strainer", "cg"])
        XCTAssertEqual(rows, [
            ["a", "25.00", "28.00 (+3.00)", "21.00 (-4.00)"],
            ["b", "30.00", "31.00 (+1.00)", "23.00 (-7.00)"],
            ["smallest difference", "—", "+1.00", "-7.00"],
        ])
    }

    func testAMethodMissingAnImageHasNoSmallestDifference() {
        let extra = MethodCurve(problem: "p", image: "c", method: "siren", kind: .prior,
                                points: [CurvePoint(iteration: 0, psnr: 9, seconds: 0), CurvePoint(iteration: 50, psnr: 19.5, seconds: 1)])
        let table = PerImageTable(problem: "p", curves: ComparisonTableTests.curves + [extra], methods: ["siren", "strainer"],
                                  reference: "siren")
        let rows = table.cells.rows
        XCTAssertEqual(rows[2], ["c", "19.50", "—"])
        XCTAssertEqual(rows[3], ["smallest difference", "—", "—"])
    }

    func testAloneAMethodHasNoDifferences() {
        let table = PerImageTable(problem: "p", curves: ComparisonTableTests.curves, methods: ["strainer"], reference: "strainer")
        XCTAssertEqual(table.cells.rows, [["a", "28.00"], ["b", "31.00"]])
    }

    func testOneImageIsNotWorthATable() {
        let table = PerImageTable(problem: "p", curves: ComparisonTableTests.curves.filter { $0.image == "a" }, methods: ["siren"],
                                  reference: "siren")
        XCTAssertFalse(table.isInformative)
    }
}
