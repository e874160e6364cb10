@testable import Reconstruction
import XCTest

final class StoppingRuleTests: XCTestCase {
    func testParsing() throws {
        XCTAssertEqual(try StoppingRule(parsing: "iterations"), .iterations)
        XCTAssertEqual(try StoppingRule(parsing: "discrepancy"), .discrepancy)
        XCTAssertEqual(try StoppingRule(parsing: "sure"), .sure)
        XCTAssertEqual(try StoppingRule(parsing: "validation"), .validation(fraction: 0.1))
        XCTAssertEqual(try StoppingRule(parsing: "validation:0.05"), .validation(fraction: 0.05))
        for bad in ["validation:0", "validation:1", "validation:x", "best", "discrepancy:2", "sure:0.1"] {
            XCTAssertThrowsError(try StoppingRule(parsing: bad), bad) { error in
                XCTAssertTrue("\(error)".hasPrefix("--stop is '\(bad)'; expected "), "\(error)")
            }
        }
    }
}
