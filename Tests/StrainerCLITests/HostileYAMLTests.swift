import Foundation
import XCTest

/// YAML written to hurt (issue 21): nested aliases ("billion laughs"), deep nesting, broken syntax and huge
/// values are refused at once, in one line with the line and column, whether they come in a problem file or on
/// the command line.
final class HostileYAMLTests: XCTestCase {
    /// A flow mapping of 400 bytes whose aliases expand to 9^7 ≈ 4.8 million scalars (the old reader ran for
    /// minutes and growing memory on it).
    static let aliasBomb: String = {
        var text = "{name: blur, kernel: gaussian, sigma: &a0 [x, x, x, x, x, x, x, x, x]"
        for level in 1...7 { text += ", k\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]" }
        return text + ", s: *a7}"
    }()

    /// A problem folder holding one valid problem file whose operator is `operatorText`.
    private func problemFolder(id: String, operator operatorText: String) throws -> URL {
        let folder = try scratchFolder()
        let text = "id: \(id)\ntitle: t\nphantom: shepp-logan\nsize: 32\nchannels: 1\noperator: \(operatorText)\n"
        try text.write(to: folder.appendingPathComponent("\(id).yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    func testAnAliasBombInAProblemFileIsRefusedAtOnce() throws {
        let folder = try problemFolder(id: "bomb", operator: Self.aliasBomb)
        try assertRefused(["problems", "--problems", folder.path], in: StrainerProcess.repository, within: 10,
                          mentioning: ["bomb.yaml: line 6, column 49: anchors and aliases (&name, *name) are not accepted"])
        // A command about one problem reads that problem's file alone: the bomb itself is refused, and another
        // problem runs without the bomb being read at all.
        try assertRefused(["problems", "show", "bomb", "--problems", folder.path], in: StrainerProcess.repository,
                          within: 10, mentioning: ["bomb.yaml: line 6", "anchors and aliases"])
        let other = try StrainerProcess.run(["problems", "show", "ct-shepp-logan-30", "--problems", folder.path],
                                            workingDirectory: StrainerProcess.repository)
        XCTAssertEqual(other.status, 0, other.standardError)
    }

    func testAnAliasBombOnTheCommandLineIsRefusedAtOnce() throws {
        let output = try scratchFolder().appendingPathComponent("y.tif")
        try assertRefused(["simulate", "--operator", Self.aliasBomb, "--phantom", "shepp-logan", "--size", "16", output.path],
                          within: 10, mentioning: ["--operator: line 1, column 39: anchors and aliases"])
        try assertRefused(["simulate", "--operator", "{name: identity}", "--noise", "{name: gaussian, sigma: &s 0.1, x: *s}",
                           "--phantom", "shepp-logan", "--size", "16", output.path], within: 10, mentioning: ["--noise: line 1", "anchors"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    }

    func testDeepNestingIsRefusedBeforeParsing() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let folder = try problemFolder(id: "deep", operator: "{name: identity, x: \(deep)}")
        try assertRefused(["problems", "--problems", folder.path], in: StrainerProcess.repository, within: 10,
                          mentioning: ["deep.yaml: line 6, column", "nested more than 64 levels deep"])
        let dashes = try problemFolder(id: "dashes", operator: "{name: identity}\nseed:\n" + String(repeating: "- ", count: 50_000) + "1")
        try assertRefused(["problems", "--problems", dashes.path], in: StrainerProcess.repository, within: 10,
                          mentioning: ["dashes.yaml: line 8", "nested more than 64 levels deep"])
    }

    func testASyntaxErrorNamesItsLineAndColumn() throws {
        let folder = try problemFolder(id: "broken", operator: "{name: identity")
        try assertRefused(["problems", "--problems", folder.path], in: StrainerProcess.repository, within: 10,
                          mentioning: ["broken.yaml: line 7, column 1: not valid YAML: while parsing a flow mapping"])
    }

    func testAHugeValueIsCutShortInTheMessage() throws {
        let huge = String(repeating: "x", count: 100_000)
        let output = try scratchFolder().appendingPathComponent("y.tif")
        let line = try assertRefused(["simulate", "--operator", "{name: blur, kernel: gaussian, sigma: \(huge)}", "--phantom",
                                      "shepp-logan", "--size", "16", output.path], within: 10,
                                     mentioning: ["'sigma' must be a number, got '\(huge.prefix(40))… (100000 characters)'"])
        XCTAssertLessThan(line.count, 200, line)
    }
}
