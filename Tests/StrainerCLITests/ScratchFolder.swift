import Foundation
import XCTest

extension StrainerProcess {
    /// The package's root folder: commands that read `Datasets/` or `Problems/` run here, as a user's would.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}

extension XCTestCase {
    /// A new empty folder in the temporary directory, removed when the test ends.
    func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}
