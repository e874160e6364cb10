import Foundation

/// What a registry entry's builder may need besides the parameters.
public struct BuildContext: Sendable {
    /// The input image shape (operators only).
    public var shape: ImageShape
    /// Directory against which relative file paths (kernels, masks) are resolved.
    public var baseDirectory: URL

    public init(shape: ImageShape, baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.shape = shape
        self.baseDirectory = baseDirectory
    }

    /// `path` resolved against ``baseDirectory`` unless absolute.
    public func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
    }
}

/// A named, documented constructor taking a ``ParameterMap``.
public struct RegistryEntry<Product>: Sendable {
    public let name: String
    /// One line of mathematics, e.g. `y = k ∗ x`.
    public let summary: String
    public let parameters: [ParameterSpec]
    let build: @Sendable (ParameterReader, BuildContext) throws -> Product

    public init(name: String, summary: String, parameters: [ParameterSpec],
                build: @escaping @Sendable (ParameterReader, BuildContext) throws -> Product) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.build = build
    }
}

/// Entries by name: builds a product from a specification whose `name` selects the entry, rejecting unknown
/// names and parameters with the list of valid ones.
public struct Registry<Product>: Sendable {
    /// `operator` or `noise model`, for messages.
    public let kind: String
    public let entries: [RegistryEntry<Product>]

    public init(kind: String, entries: [RegistryEntry<Product>]) {
        self.kind = kind
        self.entries = entries
    }

    /// Valid names, in registration order.
    public var names: [String] { entries.map(\.name) }

    /// The entry called `name`.
    public func entry(named name: String) throws -> RegistryEntry<Product> {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw OperatorError.unknownName(kind: kind, name: name, valid: names)
        }
        return entry
    }

    /// Builds `spec["name"]` with the other keys as parameters.
    public func make(_ spec: ParameterMap, context: BuildContext) throws -> Product {
        guard let nameValue = spec["name"] else { throw OperatorError.missingParameter(owner: kind, parameter: "name") }
        guard case let .string(name) = nameValue else {
            throw OperatorError.invalidParameter(owner: kind, parameter: "name", message: "must be a string, got '\(nameValue)'")
        }
        let entry = try entry(named: name)
        let reader = try ParameterReader(owner: name, values: spec, specs: entry.parameters)
        let product = try entry.build(reader, context)
        try reader.finish()
        return product
    }
}
