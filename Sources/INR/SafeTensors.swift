import Foundation

/// A safetensors file (Hugging Face's format, https://huggingface.co/docs/safetensors) restricted to F32 tensors:
///
///     [8 bytes: n, little-endian UInt64] [n bytes: JSON header, padded with spaces] [raw tensor bytes]
///
/// The header maps each tensor name to `{"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}` (byte
/// offsets into the data that follows the header) and may hold `"__metadata__"`: a string → string map. Tensors are
/// little-endian, row-major. The writer pads the header so the data starts at a multiple of 8 bytes, writes tensors
/// in name order, and writes atomically.
public struct SafeTensors: Equatable, Sendable {
    /// One F32 tensor: its shape and its values, row-major.
    public struct Tensor: Equatable, Sendable {
        public var shape: [Int]
        public var values: [Float]
        public init(shape: [Int], values: [Float]) {
            self.shape = shape
            self.values = values
        }
    }

    public var metadata: [String: String]
    public var tensors: [String: Tensor]

    public init(metadata: [String: String] = [:], tensors: [String: Tensor] = [:]) {
        self.metadata = metadata
        self.tensors = tensors
    }

    /// The file's bytes.
    public func encoded() -> Data {
        var entries = [String]()
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{" + fields.joined(separator: ",") + "}")
        }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            let end = offset + 4 * tensor.values.count
            entries.append(
                "\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],"
                    + "\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for name in names {
            tensors[name]!.values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Writes the file atomically (a temporary file in the same directory, then a rename).
    public func write(to url: URL) throws {
        do {
            try encoded().write(to: url, options: .atomic)
        } catch {
            throw INRError.checkpoint(file: url.path, tensor: nil, problem: "cannot be written: \(error.localizedDescription)")
        }
    }

    /// Largest file read, in bytes (16 GiB: four billion floats, far beyond any network of the suite). Every size
    /// a file declares is checked against its actual length before anything is allocated.
    public static let maximumFileBytes = 16 << 30

    /// Reads and validates a file: every structural problem is an error naming the file and, where it applies,
    /// the tensor.
    public static func read(_ url: URL) throws -> SafeTensors {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            let kind = [FileAttributeType.typeDirectory: "a directory", .typeCharacterSpecial: "a device", .typeBlockSpecial: "a device",
                        .typeSocket: "a socket"][type] ?? "a FIFO or another special file"
            throw INRError.checkpoint(file: url.path, tensor: nil, problem: "is \(kind); expected a regular safetensors file")
        }
        if let size = attributes?[.size] as? Int, size > maximumFileBytes {
            throw INRError.checkpoint(file: url.path, tensor: nil,
                                      problem: "is \(size) bytes; expected at most \(maximumFileBytes) (SafeTensors.maximumFileBytes)")
        }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            throw INRError.checkpoint(file: url.path, tensor: nil, problem: "cannot be read: \(error.localizedDescription)")
        }
        return try decode(bytes, file: url.path)
    }

    /// Parses the bytes of a safetensors file; `file` names it in errors.
    public static func decode(_ bytes: Data, file: String) throws -> SafeTensors {
        func fail(_ problem: String, tensor: String? = nil) -> INRError {
            .checkpoint(file: file, tensor: tensor, problem: problem)
        }
        let bytes = [UInt8](bytes)
        guard bytes.count >= 8 else {
            throw fail("is truncated: \(bytes.count) bytes, expected at least the 8-byte header length")
        }
        let headerLength = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw fail("is truncated: the header length \(headerLength) goes beyond the \(bytes.count)-byte file")
        }
        let dataStart = 8 + Int(headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])) as? [String: Any] else {
            throw fail("has a header that is not a JSON object")
        }
        var result = SafeTensors()
        if let metadata = header["__metadata__"] {
            guard let strings = metadata as? [String: String] else {
                throw fail("has a __metadata__ entry that is not a string → string map")
            }
            result.metadata = strings
        }
        let dataSize = bytes.count - dataStart
        for (name, entry) in header where name != "__metadata__" {
            guard let entry = entry as? [String: Any], let dtype = entry["dtype"] as? String,
                let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2
            else {
                throw fail("has a malformed header entry; expected dtype, shape and data_offsets [begin, end]", tensor: name)
            }
            guard dtype == "F32" else { throw fail("has dtype \(dtype); expected F32", tensor: name) }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("has a negative dimension in shape \(shape)", tensor: name) }
            let (begin, end) = (offsets[0], offsets[1])
            guard 0 <= begin, begin <= end, end <= dataSize else {
                throw fail("has data offsets [\(begin), \(end)] outside the \(dataSize) data bytes (file truncated?)", tensor: name)
            }
            guard let count = elementCount(of: shape), count <= (end - begin) / 4, end - begin == 4 * count else {
                throw fail("has \(end - begin) data bytes; shape \(shape) needs "
                    + (elementCount(of: shape).flatMap { $0 <= Int.max / 4 ? "\(4 * $0)" : nil } ?? "more bytes than can be counted"), tensor: name)
            }
            let values = (0..<count).map { i -> Float in
                let p = dataStart + begin + 4 * i
                return Float(bitPattern: UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16
                    | UInt32(bytes[p + 3]) << 24)
            }
            result.tensors[name] = Tensor(shape: shape, values: values)
        }
        return result
    }
}

/// The number of elements of a tensor of `shape` (dimensions nonnegative), or nil when it overflows `Int`.
private func elementCount(of shape: [Int]) -> Int? {
    var count = 1
    for dimension in shape {
        let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
        guard !overflow else { return nil }
        count = product
    }
    return count
}

/// A JSON string literal for `s` (quotes, backslashes and control characters escaped by `JSONEncoder`).
private func jsonString(_ s: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .withoutEscapingSlashes
    return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
}
