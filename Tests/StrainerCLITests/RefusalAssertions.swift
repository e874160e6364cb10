import Foundation
import XCTest

extension XCTestCase {
    /// Runs `strainer arguments…` and asserts that it refused the input as the suite refuses bad input: within
    /// `seconds` (the process is killed after that), exit status 1, and stderr exactly one line starting with
    /// `error: ` that contains every one of `fragments`. With `addressSpaceBytes`, under that address-space limit.
    /// Returns that line.
    @discardableResult
    func assertRefused(_ arguments: [String], in workingDirectory: URL? = nil, environment: [String: String] = [:],
                       within seconds: TimeInterval = 30, addressSpaceBytes: Int? = nil, mentioning fragments: [String],
                       file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let start = Date()
        let result = try StrainerProcess.run(arguments, workingDirectory: workingDirectory, environment: environment, timeout: seconds,
                                             addressSpaceBytes: addressSpaceBytes)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertLessThan(elapsed, seconds, "strainer \(arguments.joined(separator: " ")) ran \(elapsed) s", file: file, line: line)
        XCTAssertEqual(result.status, 1, result.standardError, file: file, line: line)
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.count, 2, "one line and its newline: \(result.standardError)", file: file, line: line)
        let first = lines.first ?? ""
        XCTAssertTrue(first.hasPrefix("error: "), first, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(first.contains(fragment), "'\(fragment)' missing from: \(first)", file: file, line: line)
        }
        return first
    }
}
