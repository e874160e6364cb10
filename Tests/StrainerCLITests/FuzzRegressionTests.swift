import Foundation
import XCTest

/// The files a fuzz target once crashed on (`Fuzz/regressions/<reader>/`), given to the tool as it would get them from
/// a user — images to `metrics`, priors to `inspect`: each is one `error:` line naming the file, exit status 1, within
/// 2 s under a 1 GiB address space — half the 2 GiB issue 21 asks for, so that allocating any of the images these
/// files declare fails the test.
final class FuzzRegressionTests: XCTestCase {
    func testEveryFileRegressionIsRefusedAtOnceUnderOneGiB() throws {
        let regressions = StrainerProcess.repository.appendingPathComponent("Fuzz/regressions")
        let commands = ["png": ["metrics", "%", "%"], "tiff": ["metrics", "%", "%"], "netpbm": ["metrics", "%", "%"],
                        "jpeg": ["metrics", "%", "%"], "safetensors": ["inspect", "%"]]
        var checked = 0
        for (reader, command) in commands {
            let folder = regressions.appendingPathComponent(reader)
            let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
            for file in files where !file.lastPathComponent.hasPrefix(".") {
                try assertRefused(command.map { $0 == "%" ? file.path : $0 }, within: 2, addressSpaceBytes: 1 << 30,
                                  mentioning: [file.lastPathComponent])
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 5, "the PNG, JPEG, TIFF and safetensors regressions are in \(regressions.path)")
    }

    /// A PNG whose text chunk declares 2³¹ − 1 bytes in a 16 KB file: refused from its chunk headers, before libpng
    /// reads it — with no memory limit (libpng alone took 2 GB and 3 s to fail on it).
    func testAChunkLongerThanTheFileIsRefusedBeforeLibpngReadsIt() throws {
        let file = StrainerProcess.repository.appendingPathComponent("Fuzz/regressions/png/itxt-chunk-declaring-2gib.png").path
        try assertRefused(["metrics", file, file], within: 2, mentioning: ["its 'iTXt' chunk declares 2147483647 bytes but the file holds 15996"])
    }
}
