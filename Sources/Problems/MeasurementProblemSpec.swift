import Foundation
import Operators

/// A problem file that names a user's **measurements** instead of clean images: `strainer reconstruct --problem FILE`
/// reconstructs each of them from every prior the file lists, beside the classical baselines, with no ground truth
/// (a measurement's `reference`, when given, only scores the results). The fields are a study's problem file's
/// (``ProblemSpec``) where they apply — `id`, `title`, `operator`, `noise`, `seed`, `network`, `solver`, `priors`,
/// `baselines` — with `measurements:` in place of the dataset and `stop:` for the stopping rule:
///
/// ```yaml
/// id: my-photos
/// title: Denoising my own photos
/// measurements:
///   - {file: noisy/cat.png, reference: clean/cat.png}
///   - {file: noisy/street.jpg}
/// operator: {name: identity}
/// noise: {name: gaussian}            # σ estimated from each measurement; absent: the same
/// stop: validation                   # iterations | discrepancy | sure | validation | validation:F
/// solver: {iterations: 2000, lr: 1.0e-4}
/// priors:
///   - {kind: random, seed: 0}
///   - {file: priors/strainer-faces.safetensors, label: strainer}
/// ```
///
/// There is no `size`, `channels` or `dataset`: each image's grid follows from its measurement and the operator.
/// Priors are `random` or prior files (a prior learned from a dataset is trained first with `strainer train-prior`);
/// without `baselines:`, every baseline that applies to the operator runs.
public struct MeasurementProblemSpec: Decodable, Equatable, Sendable {
    /// One measurement file, with the optional clean image that scores its reconstructions.
    public struct Entry: Decodable, Equatable, Sendable {
        /// The measurement, relative to the problem file's folder unless absolute.
        public var file: String
        /// The image the measurement was taken of, when known (PSNR/SSIM only).
        public var reference: String?
        /// The image grid `height×width` where the operator cannot tell it from y (radon with other detector counts).
        public var shape: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case file, reference, shape }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let values = try decoder.container(keyedBy: CodingKeys.self)
            file = try values.decode(String.self, forKey: .file)
            guard !file.isEmpty else { throw values.invalid(.file, "is empty; expected the path of a measurement file") }
            reference = try values.decodeIfPresent(String.self, forKey: .reference)
            shape = try values.decodeIfPresent(String.self, forKey: .shape)
        }
    }

    public var id: String
    public var title: String
    public var measurements: [Entry]
    /// The forward operator `A`, a specification for `operatorRegistry`.
    public var operatorSpec: ParameterMap
    /// The noise model; nil (absent) or a `gaussian` without `sigma` estimates σ from each measurement, `{name: none}`
    /// fits least squares.
    public var noiseSpec: ParameterMap?
    /// The stopping rule as written (`iterations`, `discrepancy`, `sure`, `validation`, `validation:F`); nil: validation.
    public var stop: String?
    /// Seeds every network's initialisation and the held-out samples.
    public var seed: UInt64
    public var network: NetworkSpec
    /// The step budget, learning rate and evaluation interval (`iterations`, `lr`, `evaluate_every`).
    public var solver: SolverSettings
    /// The priors each measurement is reconstructed from, in order: `random` or prior files.
    public var priors: [PriorRecipe]
    /// Baseline specifications; nil: every baseline that applies to the operator.
    public var baselines: [ParameterMap]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, measurements, `operator`, noise, stop, seed, network, solver, priors, baselines
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let values = try decoder.container(keyedBy: CodingKeys.self)
        id = try values.decode(String.self, forKey: .id)
        title = try values.decode(String.self, forKey: .title)
        measurements = try values.decode([Entry].self, forKey: .measurements)
        guard !measurements.isEmpty else { throw values.invalid(.measurements, "is an empty list; expected at least one {file: …}") }
        operatorSpec = try values.parameterMap(.`operator`)
        noiseSpec = values.contains(.noise) ? try values.parameterMap(.noise) : nil
        stop = try values.decodeIfPresent(String.self, forKey: .stop)
        seed = try values.seed(.seed)
        network = try values.decodeIfPresent(NetworkSpec.self, forKey: .network) ?? NetworkSpec()
        solver = try values.decodeIfPresent(SolverSettings.self, forKey: .solver) ?? SolverSettings()
        let plain = SolverSettings()
        if solver.stop != plain.stop || solver.discrepancyTarget != plain.discrepancyTarget {
            throw values.invalid(.solver, "'stop' and 'discrepancy_target' do not apply here; give the top-level 'stop' "
                + "(iterations, discrepancy, sure, validation or validation:F)")
        }
        if solver.tvWeight != plain.tvWeight || solver.schedule != plain.schedule {
            throw values.invalid(.solver, "'tv_weight' and 'schedule' do not apply to a reconstruction; expected iterations, lr and evaluate_every")
        }

        priors = []
        if values.contains(.priors) {
            var list = try values.nestedUnkeyedContainer(forKey: .priors)
            while !list.isAtEnd {
                let element = try list.superDecoder()
                let prior = try PriorRecipe(from: element, problemSize: nil, networkLayers: network.layers)
                if case .trained = prior.source {
                    throw DecodingError.dataCorrupted(.init(codingPath: element.codingPath, debugDescription:
                        "a prior learned from a dataset is trained first (strainer train-prior … --out F.safetensors); "
                            + "a measurement problem takes {kind: random} or {file: F.safetensors}"))
                }
                if let earlier = priors.firstIndex(where: { $0.label == prior.label }) {
                    throw DecodingError.dataCorrupted(.init(codingPath: element.codingPath,
                        debugDescription: "label '\(prior.label)' is also the label of priors[\(earlier)]; give each prior its own 'label'"))
                }
                priors.append(prior)
            }
            guard !priors.isEmpty else { throw values.invalid(.priors, "is an empty list; expected at least one prior") }
        } else {
            priors = [PriorRecipe(label: "random", source: .random(seed: 0))]
        }

        if values.contains(.baselines) {
            var list = try values.nestedUnkeyedContainer(forKey: .baselines)
            var baselines: [ParameterMap] = []
            while !list.isAtEnd {
                let element = try list.superDecoder()
                let map = try element.singleValueContainer().decode(ParameterMap.self)
                try map.requireName(at: element.codingPath)
                baselines.append(map)
            }
            self.baselines = baselines
        } else {
            baselines = nil
        }
    }

    /// Reads a measurement problem file: every value checked (``ProblemError`` names the file and the key); the
    /// files it names, its operator and its stopping rule are checked by the reconstruction that runs it.
    public static func read(_ url: URL) throws -> MeasurementProblemSpec {
        let spec = try ProblemFileReading.decode(MeasurementProblemSpec.self, from: try ProblemFileReading.text(of: url), file: url)
        try ProblemFileReading.checkID(spec.id, of: url)
        return spec
    }
}
