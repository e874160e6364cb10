import Foundation
import XCTest
@testable import Imaging

/// SHA-256 against the test vectors of FIPS 180-2, Appendix B, and the padding boundaries.
final class SHA256Tests: XCTestCase {
    func testFIPSVectors() {
        XCTAssertEqual(SHA256.hexDigest(of: Data("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hexDigest(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hexDigest(of: Data(repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testEmptyMessageAndPaddingBoundaries() {
        XCTAssertEqual(SHA256.hexDigest(of: Data()),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // 55 bytes fit the length in the same block; 56 bytes force a second padding block.
        XCTAssertEqual(SHA256.hexDigest(of: Data(repeating: UInt8(ascii: "a"), count: 55)),
                       "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(SHA256.hexDigest(of: Data(repeating: UInt8(ascii: "a"), count: 56)),
                       "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }

    func testIncrementalUpdatesEqualOneShot() {
        let message = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        var hasher = SHA256()
        hasher.update(message.prefix(3))
        hasher.update(message.dropFirst(3).prefix(200))
        hasher.update(message.dropFirst(203))
        XCTAssertEqual(hasher.finalize().map { String(format: "%02x", $0) }.joined(), SHA256.hexDigest(of: message))
    }
}
