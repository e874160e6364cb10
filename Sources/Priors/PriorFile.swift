import Foundation
import INR

/// The kinds of learned prior a file holds.
public enum PriorKind: String, CaseIterable, Sendable {
    /// A shared encoder trained with one decoder per training image (STRAINER-K).
    case strainer
    /// A shared encoder trained on a single image with its one decoder (the paper's "STRAINER (1 decoder)").
    case strainer1 = "strainer-1"
    /// A whole network fitted to one training image (the paper's "SIREN fine-tuned").
    case fitted
    /// A meta-learned initialisation (Reptile or first-order MAML) on the training images.
    case meta
}

/// Where a prior came from, saved with it so a result can say exactly what seeded it.
public struct PriorProvenance: Equatable, Sendable {
    public var dataset: String
    public var split: String
    public var imageNames: [String]
    /// SHA-256 of each training image's file.
    public var imageDigests: [String]
    public var iterations: Int
    /// Final training PSNR of each image (dB), where the training measures one.
    public var trainingPSNRs: [Double]
    public var trainingSeconds: Double
    public var seed: UInt64
    public var suiteVersion: String
    /// Kind-specific settings (meta-learning algorithm and learning rates, …).
    public var settings: [String: String]
    /// The machine it was trained on (`cpu`, `blas`, `fft`): which kernels made its last bits.
    public var platform: [String: String]

    public init(dataset: String, split: String, imageNames: [String], imageDigests: [String], iterations: Int,
                trainingPSNRs: [Double], trainingSeconds: Double, seed: UInt64, suiteVersion: String,
                settings: [String: String] = [:], platform: [String: String] = [:]) {
        self.dataset = dataset
        self.split = split
        self.imageNames = imageNames
        self.imageDigests = imageDigests
        self.iterations = iterations
        self.trainingPSNRs = trainingPSNRs
        self.trainingSeconds = trainingSeconds
        self.seed = seed
        self.suiteVersion = suiteVersion
        self.settings = settings
        self.platform = platform
    }
}

/// A prior file: safetensors whose tensors and metadata load in PyTorch as well as here.
///
/// Tensor names follow the PyTorch reference (`peers/strainer_ref.py`):
/// - shared encoder: `encoder.ls.K.weight` (out × in) and `encoder.ls.K.bias` for encoder layer K, and
///   `decoders.I.weight`, `decoders.I.bias` for training image I's one-layer decoder (`decoders.I.K.*` for layer K
///   of a deeper decoder) — so
///   `Encoder().load_state_dict({k[8:]: v for k, v in f.items() if k.startswith("encoder.")})` loads the encoder;
/// - whole network (`fitted`, `meta`): `layers.K.weight`, `layers.K.bias`, as network checkpoints.
///
/// `__metadata__` holds `kind`, the architecture (`family`, `dims`, `omega`, `shared_layers`, and the checkpoint
/// fields `omega_first`, `omega_hidden`, `encoder_depth`, …) and the provenance (`dataset`, `split`,
/// `training_images`, `training_sha256`, `iterations`, `training_psnr`, `training_seconds`, `seed`,
/// `suite_version`, kind-specific `setting.*` fields, and the machine as `platform.*` fields).
public struct PriorFile: Sendable {
    public enum Content: Sendable {
        case sharedEncoder(SharedEncoder)
        case network(Network)
    }

    public var kind: PriorKind
    public var content: Content
    public var provenance: PriorProvenance?

    public init(kind: PriorKind, content: Content, provenance: PriorProvenance?) {
        self.kind = kind
        self.content = content
        self.provenance = provenance
    }

    /// The full architecture the prior was learned for.
    public var architecture: Architecture {
        switch content {
        case .sharedEncoder(let model): return model.architecture
        case .network(let network): return network.architecture
        }
    }

    /// The prior to seed fits with; `transfer` applies to shared encoders only.
    public func prior(name: String? = nil, transfer: EncoderTransfer = .wholeEncoder) -> Prior {
        switch content {
        case .sharedEncoder(let model):
            return StrainerPrior(name: name ?? kind.rawValue, model: model, transfer: transfer)
        case .network(let network):
            return NetworkPrior(name: name ?? kind.rawValue, network: network)
        }
    }

    // MARK: Writing

    /// The file's tensors and metadata.
    public func safeTensors() -> SafeTensors {
        var file: SafeTensors
        switch content {
        case .network(let network):
            file = network.safeTensors()
        case .sharedEncoder(let model):
            file = SafeTensors(metadata: model.architecture.metadata)
            for (name, tensor) in model.encoder.safeTensors().tensors {
                file.tensors[Self.encoderPrefix + name.dropFirst(Self.layerPrefix.count)] = tensor
            }
            for (index, decoder) in model.decoders.enumerated() {
                for (name, tensor) in decoder.safeTensors().tensors {
                    file.tensors[Self.decoderTensorName(image: index, layerTensor: name, layers: decoder.architecture.layerCount)] = tensor
                }
            }
            file.metadata["decoders"] = String(model.decoders.count)
            file.metadata["shared_layers"] = String(model.architecture.encoderDepth)
        }
        file.metadata["kind"] = kind.rawValue
        if case let .siren(omegaFirst, omegaHidden) = architecture.family, omegaFirst == omegaHidden {
            file.metadata["omega"] = "\(omegaFirst)"
        }
        if let provenance {
            file.metadata.merge(Self.metadata(of: provenance)) { _, new in new }
        }
        return file
    }

    /// Writes the file atomically.
    public func write(to url: URL) throws {
        try safeTensors().write(to: url)
    }

    // MARK: Reading

    /// Reads a prior file written here or by the PyTorch reference; every structural problem names the file.
    public static func read(_ url: URL) throws -> PriorFile {
        try decode(SafeTensors.read(url), file: url.path)
    }

    /// Interprets parsed safetensors as a prior; `file` names it in errors.
    public static func decode(_ tensors: SafeTensors, file: String) throws -> PriorFile {
        var metadata = tensors.metadata
        guard let kindName = metadata["kind"] else {
            throw PriorError(file, "has no metadata field 'kind'; expected a prior file (\(PriorKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let kind = PriorKind(rawValue: kindName) else {
            throw PriorError(file, "metadata kind '\(kindName)' is unknown; expected \(PriorKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        // The PyTorch reference writes one `omega` and `shared_layers`; the checkpoint reader wants these.
        if let omega = metadata["omega"] {
            metadata["omega_first"] = metadata["omega_first"] ?? omega
            metadata["omega_hidden"] = metadata["omega_hidden"] ?? omega
        }
        if let shared = metadata["shared_layers"] { metadata["encoder_depth"] = metadata["encoder_depth"] ?? shared }
        let architecture = try Architecture(metadata: metadata, file: file)

        let content: Content
        switch kind {
        case .fitted, .meta:
            content = .network(try Network(safeTensors: tensors, file: file, architecture: architecture))
        case .strainer, .strainer1:
            let stored = tensors.tensors.values.reduce(0) { $0 + $1.values.count }
            if let needed = architecture.parameterCount, needed > stored {
                throw PriorError(file, "metadata dims \(architecture.dimensions) describe \(needed) parameters, but the file stores "
                    + "\(stored) floats; expected an encoder and at least one decoder of that network")
            }
            let halves = try Network(architecture: architecture, seed: 0).split()
            var encoderTensors = SafeTensors(metadata: halves.encoder.architecture.metadata)
            for (name, tensor) in tensors.tensors where name.hasPrefix(encoderPrefix) {
                encoderTensors.tensors[layerPrefix + name.dropFirst(encoderPrefix.count)] = tensor
            }
            let encoder = try Network(safeTensors: encoderTensors, file: file, architecture: halves.encoder.architecture)
            let decoderLayers = halves.decoder.architecture.layerCount
            let decoderCount = try Set(tensors.tensors.keys.filter { $0.hasPrefix("decoders.") }.map { name in
                try decoderIndex(of: name, file: file)
            }).count
            let decoders = try (0..<decoderCount).map { index -> Network in
                var decoderTensors = SafeTensors()
                for layer in 0..<decoderLayers {
                    for layerTensor in [ParameterLayout.weightName(layer), ParameterLayout.biasName(layer)] {
                        let name = decoderTensorName(image: index, layerTensor: layerTensor, layers: decoderLayers)
                        guard let tensor = tensors.tensors[name] else {
                            throw PriorError(file, "tensor \(name) is missing (decoders must be numbered 0…\(decoderCount - 1))")
                        }
                        decoderTensors.tensors[layerTensor] = tensor
                    }
                }
                return try Network(safeTensors: decoderTensors, file: file, architecture: halves.decoder.architecture)
            }
            content = .sharedEncoder(try SharedEncoder(architecture: architecture, encoder: encoder, decoders: decoders))
        }
        return PriorFile(kind: kind, content: content, provenance: try provenance(from: metadata, file: file))
    }

    static let encoderPrefix = "encoder.ls."
    static let layerPrefix = "layers."

    /// The decoder a tensor named `decoders.I.…` belongs to: I, a decimal number; an error naming the tensor otherwise.
    static func decoderIndex(of name: String, file: String) throws -> Int {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, let index = Int(parts[1]), index >= 0 else {
            throw PriorError(file, "tensor '\(name)' is not named decoders.<image>.weight or .bias (decoders.<image>.<layer>.weight or .bias "
                + "for deeper decoders); expected a decoder's tensor")
        }
        return index
    }

    /// Decoder I's name for its checkpoint tensor `layers.K.weight`: `decoders.I.weight` for the paper's one-layer
    /// decoder (as PyTorch's `nn.ModuleList` of `nn.Linear` names it), `decoders.I.K.weight` for deeper ones.
    static func decoderTensorName(image: Int, layerTensor: String, layers: Int) -> String {
        let parts = layerTensor.split(separator: ".")  // ["layers", K, "weight"]
        return layers == 1 ? "decoders.\(image).\(parts[2])" : "decoders.\(image).\(parts[1]).\(parts[2])"
    }

    private static func metadata(of provenance: PriorProvenance) -> [String: String] {
        var fields = [
            "dataset": provenance.dataset, "split": provenance.split,
            "training_images": provenance.imageNames.joined(separator: ","),
            "training_sha256": provenance.imageDigests.joined(separator: ","),
            "iterations": String(provenance.iterations),
            "training_psnr": provenance.trainingPSNRs.map { String(format: "%.4f", $0) }.joined(separator: ","),
            "training_seconds": String(format: "%.1f", provenance.trainingSeconds),
            "seed": String(provenance.seed), "suite_version": provenance.suiteVersion,
        ]
        for (key, value) in provenance.settings { fields["setting." + key] = value }
        for (key, value) in provenance.platform { fields["platform." + key] = value }
        return fields
    }

    /// The provenance fields, when the file has them (the PyTorch reference's files do not).
    private static func provenance(from metadata: [String: String], file: String) throws -> PriorProvenance? {
        guard let dataset = metadata["dataset"] else { return nil }
        func list(_ key: String) -> [String] {
            (metadata[key] ?? "").split(separator: ",").map(String.init)
        }
        func number<T: LosslessStringConvertible>(_ key: String, _: T.Type) throws -> T {
            guard let text = metadata[key], let value = T(text) else {
                throw PriorError(file, "metadata \(key) = \(metadata[key].map { "'\($0)'" } ?? "missing") is not a number")
            }
            return value
        }
        return PriorProvenance(
            dataset: dataset, split: metadata["split"] ?? "", imageNames: list("training_images"),
            imageDigests: list("training_sha256"), iterations: try number("iterations", Int.self),
            trainingPSNRs: try list("training_psnr").map { text in
                guard let value = Double(text) else { throw PriorError(file, "metadata training_psnr holds '\(text)', not a number") }
                return value
            },
            trainingSeconds: try number("training_seconds", Double.self), seed: try number("seed", UInt64.self),
            suiteVersion: metadata["suite_version"] ?? "unknown",
            settings: fields(prefixed: "setting.", in: metadata), platform: fields(prefixed: "platform.", in: metadata))
    }

    /// The metadata fields whose names start with `prefix`, keyed by the rest of their names.
    private static func fields(prefixed prefix: String, in metadata: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: metadata.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
    }
}
