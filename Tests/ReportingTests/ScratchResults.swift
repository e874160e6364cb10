import Foundation
import XCTest

extension XCTestCase {
    /// A results folder in the temporary directory (not yet created: the code under test makes it), removed when
    /// the test ends.
    func scratchResults() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-results-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}
