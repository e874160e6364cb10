import Foundation
import INR
import XCTest

/// safetensors files written to hurt, or damaged (issue 21): a zero or NaN layer is reported, not a crash; shapes
/// whose element count overflows, and metadata naming a network far larger than the file, are refused before
/// anything is allocated.
final class HostileCheckpointTests: XCTestCase {
    /// A 2 → 4 → 3 SIREN checkpoint whose first weight matrix holds `firstWeight` everywhere.
    private func checkpoint(firstWeight: Float) throws -> URL {
        var network = try Network(architecture: Architecture.siren(outputs: 3, width: 4, layers: 2), seed: 0).safeTensors()
        network.tensors["layers.0.weight"]!.values = Array(repeating: firstWeight, count: 8)
        let url = try scratchFolder().appendingPathComponent("layer.safetensors")
        try network.write(to: url)
        return url
    }

    func testAZeroLayerHasNoStableRank() throws {
        let url = try checkpoint(firstWeight: 0)
        let text = try StrainerProcess.run(["inspect", url.path], timeout: 30)
        XCTAssertEqual(text.status, 0, text.standardError)
        XCTAssertTrue(text.standardOutput.contains("0      2 → 4     0.000  0.000  undefined (zero matrix)"), text.standardOutput)
        let json = try StrainerProcess.run(["inspect", "--json", url.path], timeout: 30)
        let layers = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])?["layers"] as? [[String: Any]])
        XCTAssertTrue(layers[0]["stable_rank"] is NSNull, "\(layers[0])")
        XCTAssertEqual(layers[0]["stable_rank_note"] as? String, "undefined (zero matrix)")
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(layers[1]["stable_rank"] as? Double), 1, "the other layer keeps its number")
    }

    func testANaNLayerIsReportedAndJSONStaysValid() throws {
        let url = try checkpoint(firstWeight: .nan)
        let text = try StrainerProcess.run(["inspect", url.path], timeout: 30)
        XCTAssertEqual(text.status, 0, text.standardError)
        XCTAssertTrue(text.standardOutput.contains("0      2 → 4     nan    nan    NaN (the matrix holds NaN or infinite values)"), text.standardOutput)
        let json = try StrainerProcess.run(["inspect", "--json", url.path], timeout: 30)
        XCTAssertEqual(json.status, 0, json.standardError)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let first = try XCTUnwrap((object["layers"] as? [[String: Any]])?.first)
        for key in ["frobenius", "spectral", "stable_rank"] { XCTAssertTrue(first[key] is NSNull, "\(key): \(first)") }
    }

    /// A safetensors file of `header` (JSON) and no data.
    private func headerOnly(_ header: String) throws -> URL {
        var bytes = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(header.utf8))
        let url = try scratchFolder().appendingPathComponent("hostile.safetensors")
        try bytes.write(to: url)
        return url
    }

    func testShapesWhoseElementCountOverflowsAreRefused() throws {
        for shape in ["[4611686018427387904, 4]", "[2147483648, 2147483648]"] {
            let url = try headerOnly(#"{"layers.0.weight": {"dtype": "F32", "shape": \#(shape), "data_offsets": [0, 0]}}"#)
            try assertRefused(["inspect", url.path], within: 10,
                              mentioning: ["hostile.safetensors, tensor layers.0.weight: has 0 data bytes; shape \(shape) needs more bytes than can be counted"])
        }
    }

    func testMetadataNamingAHugeNetworkIsRefusedBeforeAllocating() throws {
        let url = try headerOnly(#"{"__metadata__": {"kind": "strainer", "family": "siren", "dims": "2,65536,65536,3", "omega": "30", "shared_layers": "2"}}"#)
        // The old reader allocated and initialised the 17 GB network the metadata names before looking at the tensors.
        try assertRefused(["inspect", url.path], within: 10,
                          mentioning: ["metadata dims [2, 65536, 65536, 3] describe 4295426050 parameters, but the file stores 0 floats"])
    }
}
