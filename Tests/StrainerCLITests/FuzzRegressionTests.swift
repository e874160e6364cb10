import Foundation
import XCTest

/// The images a fuzz target once crashed on (`Fuzz/regressions/<format>/`), given to the tool as it would get them
/// from a user: each is one `error:` line naming the file, exit status 1, within 2 s under a 2 GiB address space.
final class FuzzRegressionTests: XCTestCase {
    func testEveryImageRegressionIsRefusedAtOnceUnderTwoGiB() throws {
        let regressions = StrainerProcess.repository.appendingPathComponent("Fuzz/regressions")
        var checked = 0
        for format in ["png", "tiff", "netpbm", "jpeg"] {
            let folder = regressions.appendingPathComponent(format)
            let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
            for image in files where !image.lastPathComponent.hasPrefix(".") {
                try assertRefused(["metrics", image.path, image.path], within: 2, addressSpaceBytes: 2 << 30,
                                  mentioning: [image.lastPathComponent])
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 2, "the PNG and JPEG regressions are in \(regressions.path)")
    }
}
