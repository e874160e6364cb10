import Foundation
import Imaging
import XCTest

/// Where the tests find their inputs, and small helpers they share.
enum TestSupport {
    /// The bundled `Fixtures` folder (see `Fixtures/make_fixtures.py` for how each file was made).
    static var fixtures: URL {
        get throws {
            try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil), "Fixtures folder not bundled")
        }
    }

    /// The repository root, found from this file's path (`Tests/ImagingTests/TestSupport.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh empty directory, removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ImagingTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// The integer code the fixture script puts at row `i`, column `j`, channel `c`:
    /// `(i·7919 + j·104729 + c·1299709) mod 2^bits`.
    static func patternCode(_ i: Int, _ j: Int, _ c: Int, bits: Int) -> Int {
        (i * 7919 + j * 104729 + c * 1299709) % (1 << bits)
    }

    /// An image whose sample (i, j, c) is `value(i, j, c)`.
    static func image(height: Int, width: Int, channels: Int, _ value: (Int, Int, Int) -> Float) -> Image {
        var image = Image(height: height, width: width, channels: channels)
        for i in 0..<height { for j in 0..<width { for c in 0..<channels { image[i, j, c] = value(i, j, c) } } }
        return image
    }

    /// Checks that `body` throws an ``ImagingError`` of `kind` whose message mentions every one of `phrases`.
    static func assertImagingError<T>(_ kind: ImagingError.Kind, mentioning phrases: [String],
                                      file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) {
        do {
            _ = try body()
            XCTFail("expected an ImagingError of kind \(kind), but nothing was thrown", file: file, line: line)
        } catch let error as ImagingError {
            XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: line)
            for phrase in phrases {
                XCTAssertTrue(error.description.contains(phrase), "'\(error)' does not mention '\(phrase)'", file: file, line: line)
            }
            XCTAssertFalse(error.description.contains("\n"), "message is not one line: \(error)", file: file, line: line)
        } catch {
            XCTFail("expected an ImagingError, got \(error)", file: file, line: line)
        }
    }

    /// The largest absolute difference between two equally long sample arrays.
    static func maximumDifference(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }
}
