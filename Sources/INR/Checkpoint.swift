import Foundation

/// Network checkpoints as safetensors files, named and shaped as PyTorch names them: `layers.K.weight`
/// (out × in) and `layers.K.bias` (out), plus `encoding.B` (features × inputs) for Fourier features.
/// The architecture travels in `__metadata__`: `family`, `dims` ("2,256,…,3"), `omega_first`, `omega_hidden`
/// (SIREN), `fourier_features`, `fourier_sigma`, `gaussian_scale`, `activates_last`, `encoder_depth`.
extension Architecture {
    /// The checkpoint metadata describing this architecture.
    public var metadata: [String: String] {
        var fields = [
            "family": family.name, "dims": dimensions.map(String.init).joined(separator: ","),
            "activates_last": String(activatesLastLayer), "encoder_depth": String(encoderDepth),
        ]
        switch family {
        case let .siren(omegaFirst, omegaHidden):
            fields["omega_first"] = "\(omegaFirst)"
            fields["omega_hidden"] = "\(omegaHidden)"
        case let .fourierFeatures(features, sigma):
            fields["fourier_features"] = "\(features)"
            fields["fourier_sigma"] = "\(sigma)"
        case let .gaussian(scale):
            fields["gaussian_scale"] = "\(scale)"
        case .relu:
            break
        }
        return fields
    }

    /// Reads an architecture from checkpoint metadata; `file` names the checkpoint in errors.
    public init(metadata: [String: String], file: String) throws {
        func field(_ key: String) throws -> String {
            guard let value = metadata[key] else {
                throw INRError.checkpoint(file: file, tensor: nil, problem: "has no metadata field \(key)")
            }
            return value
        }
        func number<T: LosslessStringConvertible>(_ key: String, _: T.Type) throws -> T {
            let text = try field(key)
            guard let value = T(text) else {
                throw INRError.checkpoint(file: file, tensor: nil, problem: "metadata \(key) = \"\(text)\" is not a number")
            }
            return value
        }
        let dims = try field("dims").split(separator: ",").map { part -> Int in
            guard let d = Int(part.trimmingCharacters(in: .whitespaces)) else {
                throw INRError.checkpoint(file: file, tensor: nil, problem: "metadata dims \"\(metadata["dims"]!)\" is not a list of integers")
            }
            return d
        }
        let family: Family
        switch try field("family") {
        case "siren":
            family = .siren(omegaFirst: try number("omega_first", Float.self), omegaHidden: try number("omega_hidden", Float.self))
        case "fourier":
            family = .fourierFeatures(features: try number("fourier_features", Int.self), sigma: try number("fourier_sigma", Float.self))
        case "gaussian":
            family = .gaussian(scale: try number("gaussian_scale", Float.self))
        case "relu":
            family = .relu
        case let other:
            throw INRError.checkpoint(
                file: file, tensor: nil, problem: "metadata family \"\(other)\" is unknown; expected siren, fourier, gaussian or relu")
        }
        try self.init(
            family: family, dimensions: dims, activatesLastLayer: metadata["activates_last"].map { $0 == "true" } ?? false,
            encoderDepth: try metadata["encoder_depth"].map { _ in try number("encoder_depth", Int.self) })
    }
}

extension Network {
    /// The network as safetensors: every layer's weight and bias (and B), the architecture plus `extra` in metadata.
    public func safeTensors(metadata extra: [String: String] = [:]) -> SafeTensors {
        var file = SafeTensors(metadata: architecture.metadata.merging(extra) { own, _ in own })
        for k in layout.layers.indices {
            let w = weight(ofLayer: k)
            file.tensors[ParameterLayout.weightName(k)] = .init(shape: [w.rows, w.columns], values: w.values)
            let b = bias(ofLayer: k)
            file.tensors[ParameterLayout.biasName(k)] = .init(shape: [b.count], values: b)
        }
        if let fourierMatrix {
            file.tensors[Self.fourierMatrixName] = .init(
                shape: [fourierMatrix.rows, fourierMatrix.columns], values: fourierMatrix.values)
        }
        return file
    }

    /// Writes a checkpoint atomically.
    public func save(to url: URL, metadata extra: [String: String] = [:]) throws {
        try safeTensors(metadata: extra).write(to: url)
    }

    /// Loads a checkpoint. With `architecture`, the file must match it (every tensor's shape, and the metadata's
    /// architecture when present); without, the architecture comes from the file's metadata.
    public init(checkpoint url: URL, architecture: Architecture? = nil) throws {
        try self.init(safeTensors: try SafeTensors.read(url), file: url.path, architecture: architecture)
    }

    /// Builds a network from parsed safetensors; `file` names the source in errors.
    public init(safeTensors file: SafeTensors, file name: String, architecture requested: Architecture? = nil) throws {
        let stored = file.metadata["dims"] == nil ? nil : try Architecture(metadata: file.metadata, file: name)
        guard let architecture = requested ?? stored else {
            throw INRError.checkpoint(
                file: name, tensor: nil, problem: "has no architecture metadata and none was requested")
        }
        func tensor(_ tensorName: String, shape: [Int]) throws -> [Float] {
            guard let t = file.tensors[tensorName] else {
                throw INRError.checkpoint(file: name, tensor: tensorName, problem: "is missing; expected shape \(shape)")
            }
            guard t.shape == shape else {
                throw INRError.checkpoint(
                    file: name, tensor: tensorName,
                    problem: "has shape \(t.shape); the requested architecture \(architecture.dimensions) needs \(shape)")
            }
            return t.values
        }
        var theta = [Float]()
        let layout = ParameterLayout(architecture)
        for (k, layer) in layout.layers.enumerated() {
            theta += try tensor(ParameterLayout.weightName(k), shape: [layer.outputs, layer.inputs])
            theta += try tensor(ParameterLayout.biasName(k), shape: [layer.outputs])
        }
        var fourierMatrix: Matrix?
        if case let .fourierFeatures(features, _) = architecture.family {
            let inputs = architecture.dimensions[0]
            fourierMatrix = Matrix(
                uncheckedRows: features, columns: inputs,
                values: try tensor(Self.fourierMatrixName, shape: [features, inputs]))
        }
        if let requested, let stored, requested != stored {
            throw INRError.checkpoint(
                file: name, tensor: nil,
                problem: "holds a \(stored.family) network \(stored.dimensions); requested \(requested.family) \(requested.dimensions)")
        }
        try self.init(architecture: architecture, parameters: theta, fourierMatrix: fourierMatrix)
    }

    /// The tensor name of the Fourier-feature matrix B.
    public static let fourierMatrixName = "encoding.B"
}
