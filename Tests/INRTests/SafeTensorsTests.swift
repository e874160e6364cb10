import Foundation
import XCTest
@testable import INR

final class SafeTensorsTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("INRTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The bytes of a written checkpoint, parsed by hand: 8-byte little-endian header length, a JSON header padded
    /// with spaces to a multiple of 8, tensors at their data offsets in little-endian F32, PyTorch names and shapes.
    func testWrittenBytesFollowTheFormat() throws {
        let architecture = try Architecture(family: .siren(omegaFirst: 30, omegaHidden: 20), dimensions: [2, 5, 3])
        let network = try Network(architecture: architecture, seed: 4)
        let url = directory.appendingPathComponent("net.safetensors")
        try network.save(to: url, metadata: ["seed": "4"])
        let bytes = [UInt8](try Data(contentsOf: url))

        let headerLength = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        XCTAssertEqual(headerLength % 8, 0)
        let headerBytes = bytes[8..<(8 + headerLength)]
        let headerText = try XCTUnwrap(String(bytes: headerBytes, encoding: .utf8))
        XCTAssertEqual(headerText.first, "{")
        XCTAssertTrue(headerText.drop(while: { $0 != "}" }).count > 0)
        let trimmed = headerText.trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(headerText.dropFirst(trimmed.count).allSatisfy { $0 == " " })
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any])

        let metadata = try XCTUnwrap(header["__metadata__"] as? [String: String])
        XCTAssertEqual(metadata["family"], "siren")
        XCTAssertEqual(metadata["dims"], "2,5,3")
        XCTAssertEqual(metadata["omega_first"], "30.0")
        XCTAssertEqual(metadata["omega_hidden"], "20.0")
        XCTAssertEqual(metadata["seed"], "4")

        let dataStart = 8 + headerLength
        var covered = 0
        for (k, layer) in network.layout.layers.enumerated() {
            for (name, shape, range) in [
                ("layers.\(k).weight", [layer.outputs, layer.inputs], layer.weightOffset..<layer.biasOffset),
                ("layers.\(k).bias", [layer.outputs], layer.biasOffset..<layer.end),
            ] {
                let entry = try XCTUnwrap(header[name] as? [String: Any], name)
                XCTAssertEqual(entry["dtype"] as? String, "F32")
                XCTAssertEqual(entry["shape"] as? [Int], shape)
                let offsets = try XCTUnwrap(entry["data_offsets"] as? [Int])
                XCTAssertEqual(offsets[1] - offsets[0], 4 * range.count)
                covered += offsets[1] - offsets[0]
                let stored = (0..<range.count).map { i -> Float in
                    let p = dataStart + offsets[0] + 4 * i
                    return Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[p + $1]) << (8 * $1) })
                }
                XCTAssertEqual(stored, Array(network.parameters[range]), name)
            }
        }
        XCTAssertEqual(bytes.count, dataStart + covered)
        XCTAssertEqual(header.count, 1 + 2 * network.layout.layers.count)
    }

    func testRoundTripEveryFamily() throws {
        for family in [Family.siren(omegaFirst: 30, omegaHidden: 30), .fourierFeatures(features: 6, sigma: 4), .gaussian(scale: 2), .relu] {
            let network = try Network(architecture: Architecture(family: family, width: 7, layers: 3, outputs: 2), seed: 9)
            let url = directory.appendingPathComponent("\(family.name).safetensors")
            let note = "a \"quoted\"\tnote\nwith / slash, \\ and ω"
            try network.save(to: url, metadata: ["note": note])
            XCTAssertEqual(try SafeTensors.read(url).metadata["note"], note)
            let loaded = try Network(checkpoint: url)
            XCTAssertEqual(loaded.architecture, network.architecture)
            XCTAssertEqual(loaded.parameters, network.parameters)
            XCTAssertEqual(loaded.fourierMatrix, network.fourierMatrix)
        }
    }

    func testShapeMismatchWithRequestedArchitectureNamesFileAndTensor() throws {
        let url = directory.appendingPathComponent("small.safetensors")
        try Network(architecture: Architecture.siren(outputs: 3, width: 8, layers: 3), seed: 1).save(to: url)
        assertThrowsINRError(["small.safetensors", "layers.0.weight", "[8, 2]", "[16, 2]"]) {
            _ = try Network(checkpoint: url, architecture: Architecture.siren(outputs: 3, width: 16, layers: 3))
        }
        assertThrowsINRError(["small.safetensors", "layers.2.weight", "[1, 8]"]) {
            _ = try Network(checkpoint: url, architecture: Architecture.siren(outputs: 1, width: 8, layers: 3))
        }
        assertThrowsINRError(["small.safetensors", "layers.2.weight", "[3, 8]", "[8, 8]"]) {
            _ = try Network(checkpoint: url, architecture: Architecture.siren(outputs: 3, width: 8, layers: 4))
        }
        var incomplete = try SafeTensors.read(url)
        incomplete.tensors["layers.1.bias"] = nil
        let incompleteURL = directory.appendingPathComponent("incomplete.safetensors")
        try incomplete.write(to: incompleteURL)
        assertThrowsINRError(["incomplete.safetensors", "layers.1.bias", "missing"]) { _ = try Network(checkpoint: incompleteURL) }
        assertThrowsINRError(["small.safetensors", "requested"]) {
            _ = try Network(checkpoint: url, architecture: Architecture.siren(outputs: 3, width: 8, layers: 3, omega: 10))
        }
    }

    func testCorruptFilesGiveClearErrors() throws {
        let good = try Network(architecture: Architecture.siren(outputs: 1, width: 4, layers: 2), seed: 2).safeTensors().encoded()
        let bytes = [UInt8](good)
        let headerLength = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        func write(_ bytes: [UInt8], _ name: String) throws -> URL {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url
        }
        func header(_ text: String) -> [UInt8] {
            let h = Array(text.utf8)
            return (0..<8).map { UInt8((h.count >> (8 * $0)) & 0xFF) } + h
        }
        let cases: [(URL, [String])] = [
            (try write(Array(bytes[..<5]), "tiny.safetensors"), ["tiny.safetensors", "truncated", "5 bytes"]),
            (try write(Array(bytes[..<(8 + headerLength / 2)]), "cut-header.safetensors"), ["cut-header.safetensors", "header length"]),
            (try write(Array(bytes.dropLast(3)), "cut-data.safetensors"), ["cut-data.safetensors", "tensor", "data offsets"]),
            (try write(header("{\"w\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}") + [0, 0], "f16.safetensors"),
             ["f16.safetensors", "tensor w", "dtype F16", "F32"]),
            (try write(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}") + [0, 0, 0, 0], "short.safetensors"),
             ["short.safetensors", "tensor w", "shape [2] needs 8"]),
            (try write(header("not json"), "text.safetensors"), ["text.safetensors", "JSON"]),
            (directory.appendingPathComponent("absent.safetensors"), ["absent.safetensors", "cannot be read"]),
        ]
        for (url, fragments) in cases {
            assertThrowsINRError(fragments) { _ = try SafeTensors.read(url) }
        }
    }
}
