import XCTest
import Imaging
@testable import Reporting

/// The error map against values worked out by hand.
final class ErrorMapTests: XCTestCase {
    func testTheMapIsTheChannelMeanOfTheAbsoluteErrorTimesTheGainSaturatingAtOne() throws {
        let truth = Image(height: 1, width: 3, channels: 3, pixels: [0.5, 0.5, 0.5, 0, 0, 0, 1, 1, 1])
        let estimate = Image(height: 1, width: 3, channels: 3, pixels: [0.5, 0.5, 0.5, 0.03, 0.06, 0.09, 0, 1, 1])
        let map = try XCTUnwrap(ErrorMap.of(estimate, against: truth))
        XCTAssertEqual(map.channels, 1)
        XCTAssertEqual(map.pixels[0], 0)
        XCTAssertEqual(map.pixels[1], 4 * 0.06, accuracy: 1e-6)
        XCTAssertEqual(map.pixels[2], 1, "4 × 1/3 saturates")
        XCTAssertNil(ErrorMap.of(Image(height: 1, width: 2, channels: 3), against: truth))
    }
}
