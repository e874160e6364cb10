import INR
import Operators

/// One inverse problem, as a problem file `Problems/<id>.yaml` states it: which clean images, brought to
/// which size, measured through which operator with which noise, and how the INR fits that solve it run,
/// from which priors, against which classical baselines. Every key is documented in `Problems/README.md`.
///
/// Decoding checks each value on its own (ranges, spellings, unknown keys) and reports the key path of the first
/// fault; ``ProblemFile`` adds the checks that need the dataset catalog and the operator registry.
public struct ProblemSpec: Decodable, Equatable, Sendable {
    /// The problem's name, equal to its file name without `.yaml`.
    public var id: String
    /// One line saying what the problem is.
    public var title: String
    public var groundTruth: GroundTruth
    /// Side of the square images the problem works on.
    public var size: Int
    /// 1 (gray; RGB sources are converted to BT.601 luma) or 3 (RGB; gray sources are repeated).
    public var channels: Int
    public var preparation: Preparation
    /// The forward operator `A`, a specification for `operatorRegistry`.
    public var operatorSpec: ParameterMap
    /// The noise model, a specification for `noiseRegistry`; nil for noiseless measurements.
    public var noiseSpec: ParameterMap?
    /// Seed of the measurement noise; image `k` uses `SeedSequence.derive(seed, stream: k)`.
    public var seed: UInt64
    public var network: NetworkSpec
    public var solver: SolverSettings
    /// The priors compared, in order; at least one.
    public var priors: [PriorRecipe]
    /// Classical baselines, specifications for the baseline registry (each with a string `name`).
    public var baselines: [ParameterMap]

    /// The shape of one clean image, `size × size × channels`.
    public var imageShape: ImageShape { ImageShape(height: size, width: size, channels: channels) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, dataset, split, images, phantom, size, channels, preparation
        case `operator`, noise, seed, network, solver, priors, baselines
    }

    public init(from decoder: any Decoder) throws {
        if try decoder.container(keyedBy: AnyCodingKey.self).contains(AnyCodingKey(stringValue: "measurements")) {
            throw DecodingError.dataCorrupted(.init(codingPath: [AnyCodingKey(stringValue: "measurements")], debugDescription:
                "this file names measurements, not clean images: reconstruct them with `strainer reconstruct-problem FILE` "
                    + "(compare, solve and the problem registry take problems that simulate y from clean images)"))
        }
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let values = try decoder.container(keyedBy: CodingKeys.self)
        id = try values.decode(String.self, forKey: .id)
        title = try values.decode(String.self, forKey: .title)

        if values.contains(.phantom) {
            if let key = [CodingKeys.dataset, .split, .images].first(where: values.contains) {
                throw values.invalid(key, "does not apply with 'phantom' (a phantom is one synthetic image)")
            }
            groundTruth = .phantom(try values.choice(.phantom))
        } else if values.contains(.dataset) {
            groundTruth = .dataset(DatasetSelection(dataset: try values.decode(String.self, forKey: .dataset),
                                                    split: try values.decode(String.self, forKey: .split),
                                                    images: try values.decode(ImageSelection.self, forKey: .images)))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: [],
                debugDescription: "missing key 'dataset' (with 'split' and 'images') or 'phantom'"))
        }

        size = try values.integer(.size, atLeast: 8, limit: .imageSide)
        channels = try values.decode(Int.self, forKey: .channels)
        guard channels == 1 || channels == 3 else { throw values.invalid(.channels, "must be 1 (gray) or 3 (RGB), got \(channels)") }
        preparation = try values.choice(.preparation, default: .resize)
        operatorSpec = try values.parameterMap(.`operator`)
        noiseSpec = values.contains(.noise) ? try values.parameterMap(.noise) : nil
        seed = try values.seed(.seed)
        network = try values.decodeIfPresent(NetworkSpec.self, forKey: .network) ?? NetworkSpec()
        solver = try values.decodeIfPresent(SolverSettings.self, forKey: .solver) ?? SolverSettings()

        if values.contains(.priors) {
            var list = try values.nestedUnkeyedContainer(forKey: .priors)
            var priors: [PriorRecipe] = []
            while !list.isAtEnd {
                let element = try list.superDecoder()
                let prior = try PriorRecipe(from: element, problemSize: size, networkLayers: network.layers)
                if let earlier = priors.firstIndex(where: { $0.label == prior.label }) {
                    throw DecodingError.dataCorrupted(.init(codingPath: element.codingPath,
                        debugDescription: "label '\(prior.label)' is also the label of priors[\(earlier)]; give each prior its own 'label'"))
                }
                priors.append(prior)
            }
            guard !priors.isEmpty else { throw values.invalid(.priors, "is an empty list; expected at least one prior") }
            self.priors = priors
        } else {
            priors = [PriorRecipe(label: "random", source: .random(seed: 0))]
        }

        baselines = []
        if values.contains(.baselines) {
            var list = try values.nestedUnkeyedContainer(forKey: .baselines)
            while !list.isAtEnd {
                let element = try list.superDecoder()
                let map = try element.singleValueContainer().decode(ParameterMap.self)
                try map.requireName(at: element.codingPath)
                baselines.append(map)
            }
        }
    }
}
