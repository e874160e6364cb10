import Problems
import XCTest

/// ``SafeYAML``: what ordinary YAML keeps reading, and what it refuses, with where.
final class SafeYAMLTests: XCTestCase {
    private func refusal(_ text: String) -> YAMLRefusal? {
        do {
            _ = try SafeYAML.decode([String: String].self, from: text)
            return nil
        } catch {
            return error as? YAMLRefusal
        }
    }

    func testOrdinaryTextWithAmpersandsAndStarsStillReads() throws {
        let text = "a: R&D\nb: 'x & y'\nc: \"*starred*\"\nd: 2 * 3  # a comment with &anchor and *alias\ne: '&not an anchor'\n"
        XCTAssertEqual(try SafeYAML.decode([String: String].self, from: text),
                       ["a": "R&D", "b": "x & y", "c": "*starred*", "d": "2 * 3", "e": "&not an anchor"])
    }

    func testAnchorsAndAliasesAreRefusedWithTheirPlace() {
        XCTAssertEqual(refusal("a: &x 1\nb: *x\n")?.description.hasPrefix("line 1, column 4: anchors and aliases"), true)
        XCTAssertEqual(refusal("a: [1, &x 2]\n")?.line, 1)
        XCTAssertEqual(refusal("a: 1\n? *x\n: 2\n")?.line, 2, "an alias as a key, hashed in full by the composer")
    }

    func testSizeNestingAndSyntaxAreBounded() {
        XCTAssertEqual(refusal(String(repeating: " ", count: SafeYAML.maximumBytes) + "a: b")?.problem.hasPrefix("is 1048580 bytes"), true)
        XCTAssertEqual(refusal("a: " + String(repeating: "[", count: 65))?.problem, "nested more than 64 levels deep; expected at most 64")
        let syntax = refusal("a: b\nc: [d\n")
        XCTAssertEqual(syntax?.line, 3)
        XCTAssertEqual(syntax?.problem.hasPrefix("not valid YAML: while parsing a flow sequence"), true, "\(String(describing: syntax))")
    }
}
