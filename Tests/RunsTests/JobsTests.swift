import Foundation
import Runs
import XCTest

/// `--jobs`: fits run several at once, each on a share of the threads, give the bits they give one at a time.
final class JobsTests: XCTestCase {
    func testTwoFitsAtOnceGiveTheSameBitsAsOneAtATime() throws {
        let prepared = try SmallComparison.prepared(under: try scratchFolder())
        let alone = try SmallComparison.run(prepared, jobs: 1)
        let together = try SmallComparison.run(prepared, jobs: 2)
        XCTAssertEqual(alone.curves.map(\.method), ["adjoint", "tv", "bm3d", "random", "adjoint", "tv", "bm3d", "random"])
        XCTAssertEqual(bits(of: together), bits(of: alone))
        XCTAssertEqual(pixels(of: together), pixels(of: alone))
        XCTAssertEqual(pixels(of: alone).count, 8)
    }
}
