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
    /// For an operator: the image shape a measurement of the given shape comes from, or nil when the measurement
    /// and the parameters do not fix it (the caller must then be told the image's size).
    let imageShape: (@Sendable (ParameterReader, ImageShape) throws -> ImageShape?)?

    public init(name: String, summary: String, parameters: [ParameterSpec],
                imageShape: (@Sendable (ParameterReader, ImageShape) throws -> ImageShape?)? = nil,
                build: @escaping @Sendable (ParameterReader, BuildContext) throws -> Product) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.imageShape = imageShape
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
        let (entry, reader) = try read(spec)
        let product = try entry.build(reader, context)
        try reader.finish()
        return product
    }

    /// The image shape whose measurement through `spec` has shape `measurement` (see ``RegistryEntry/imageShape``);
    /// nil when the entry cannot tell. The parameters are checked when the product is built.
    public func imageShape(_ spec: ParameterMap, measurement: ImageShape) throws -> ImageShape? {
        let (entry, reader) = try read(spec)
        return try entry.imageShape?(reader, measurement)
    }

    private func read(_ spec: ParameterMap) throws -> (RegistryEntry<Product>, ParameterReader) {
        guard let nameValue = spec["name"] else { throw OperatorError.missingParameter(owner: kind, parameter: "name") }
        guard case let .string(name) = nameValue else {
            throw OperatorError.invalidParameter(owner: kind, parameter: "name", message: "must be a string, got '\(nameValue)'")
        }
        let entry = try entry(named: name)
        return (entry, try ParameterReader(owner: name, values: spec, specs: entry.parameters))
    }
}
