import ArgumentParser
import Foundation
import INR
import Priors
import Runs
import Solver

/// `strainer inspect FILE`: what a safetensors file written by the suite holds — a prior (its kind, network and
/// provenance), a network checkpoint (its architecture), a training checkpoint (its step) or an unfinished fit's
/// state in a run's journal (its step and best PSNR so far) — without Python.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a prior file, network checkpoint, training checkpoint, unfinished fit's state or run's config.yaml holds.",
        discussion: """
            A prior file (`strainer train-prior`, or one trained in PyTorch): its kind, network, encoder depth and \
            decoders, and its provenance (dataset, split, each training image and its SHA-256, \
            steps, training time, training PSNRs, seed, settings, suite version). A network checkpoint \
            (`strainer fit --save-checkpoint`): its architecture. A training checkpoint (`<prior>.checkpoint`): \
            the step it holds and the time trained so far. An unfinished fit's state (`*.unfinished.safetensors` in \
            a run's journal): its step, fitting time and best PSNR so far. For the layers that seed a fit (a prior's encoder, a \
            checkpoint's whole network), each weight matrix W's Frobenius norm, spectral norm σ_max and stable \
            rank ‖W‖_F²/σ_max² (a guide to which layers carry structure, for --transfer-layers and \
            --freeze-layers). A run folder or its config.yaml: the run's settings as this version reads them (the \
            schema `strainer merge` compares; an older file that does not fit it is an error naming the key). \
            --json prints the same as one JSON object.
            """)

    @Argument(help: "A .safetensors file (or a .checkpoint) written by the suite, or a run folder or its config.yaml.")
    var file: String

    @Flag(help: "Print one JSON object on stdout instead of the text summary.")
    var json = false

    func run() throws {
        let url = URL(fileURLWithPath: file)
        var isFolder: ObjCBool = false
        if url.pathExtension == "yaml" || FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue {
            return try inspectSettings(isFolder.boolValue ? url.appendingPathComponent("config.yaml") : url)
        }
        let tensors = try SafeTensors.read(url)
        let floatCount = tensors.tensors.values.reduce(0) { $0 + $1.values.count }
        let fields: [(String, Any)]
        if tensors.metadata["format"] == TrainingCheckpoint.format {
            fields = try Self.describe(checkpoint: TrainingCheckpoint.read(url))
        } else if tensors.metadata["format"] == SolverState.format {
            fields = try Self.describe(unfinishedFit: SolverState.read(url))
        } else if tensors.metadata["kind"] != nil {
            fields = Self.describe(prior: try PriorFile.decode(tensors, file: url.path))
        } else {
            let network = try Network(safeTensors: tensors, file: url.path)
            fields = [("type", "network checkpoint")] + Self.describe(network.architecture)
        }
        var all = [("file", url.lastPathComponent)] + fields + [("tensors", tensors.tensors.count), ("stored_floats", floatCount)]
        if let layers = try Self.seedingLayers(of: tensors, file: url) {
            all.append(("layers", layers.layout.layers.indices.map { WeightStatistics(of: layers.weight(ofLayer: $0)) }))
        }
        if json {
            let object = Dictionary(all.map { ($0.0, Self.jsonValue($0.1)) }, uniquingKeysWith: { first, _ in first })
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(Self.render(all))
        }
    }

    /// Prints the run settings the config.yaml at `url` holds, as YAML or (`--json`) JSON.
    private func inspectSettings(_ url: URL) throws {
        let settings = try RunSettings(yaml: try String(contentsOf: url, encoding: .utf8), file: url.path)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(settings), as: UTF8.self))
        } else {
            print(try settings.yaml(), terminator: "")
        }
    }

    /// The network whose layers seed a fit: a STRAINER prior's encoder, a fitted or meta prior's or a checkpoint's
    /// whole network; nil for a training checkpoint or a fit's state.
    private static func seedingLayers(of tensors: SafeTensors, file url: URL) throws -> Network? {
        if [TrainingCheckpoint.format, SolverState.format].contains(tensors.metadata["format"]) { return nil }
        guard tensors.metadata["kind"] != nil else { return try Network(safeTensors: tensors, file: url.path) }
        switch try PriorFile.decode(tensors, file: url.path).content {
        case let .sharedEncoder(model): return model.encoder
        case let .network(network): return network
        }
    }

    /// `value` as JSONSerialization takes it: layer statistics as objects (a missing stable rank as null beside
    /// the reason), and NaN or ±∞ anywhere as null, which JSON cannot otherwise hold.
    private static func jsonValue(_ value: Any) -> Any {
        switch value {
        case let number as Double: return number.isFinite ? number : NSNull()
        case let layers as [WeightStatistics]:
            return layers.enumerated().map { k, layer -> [String: Any] in
                var object: [String: Any] = ["layer": k, "inputs": layer.inputs, "outputs": layer.outputs,
                                             "frobenius": jsonValue(layer.frobenius), "spectral": jsonValue(layer.spectral),
                                             "stable_rank": layer.stableRank.map(jsonValue) ?? NSNull()]
                if let problem = layer.stableRankProblem { object["stable_rank_note"] = problem }
                return object
            }
        case let list as [Any]: return list.map(jsonValue)
        default: return value
        }
    }

    /// Kind, network and provenance of a prior file.
    private static func describe(prior: PriorFile) -> [(String, Any)] {
        var fields: [(String, Any)] = [("type", "prior"), ("kind", prior.kind.rawValue)]
        fields += describe(prior.architecture)
        if case let .sharedEncoder(model) = prior.content {
            fields.append(("decoders", model.decoders.count))
        }
        guard let provenance = prior.provenance else { return fields + [("provenance", "none recorded")] }
        fields += [
            ("dataset", "\(provenance.dataset)/\(provenance.split)"),
            ("training_images", provenance.imageNames),
            ("training_sha256", provenance.imageDigests),
            ("steps", provenance.iterations),
            ("trained_at", provenance.settings["image_size"].map {
                "\($0) (height×width×channels); it applies to any grid: coordinates span [−1, 1] along an image's longer side"
            } ?? "not recorded"),
            ("training_seconds", provenance.trainingSeconds),
            ("seed", Int(provenance.seed)),
            ("suite_version", provenance.suiteVersion),
        ]
        if !provenance.trainingPSNRs.isEmpty {
            fields.append(("training_psnr", provenance.trainingPSNRs))
        }
        if !provenance.settings.isEmpty {
            fields.append(("settings", provenance.settings))
        }
        if !provenance.platform.isEmpty {
            fields.append(("trained_on", provenance.platform))
        }
        return fields
    }

    /// The step, elapsed time and identity of a training checkpoint.
    private static func describe(checkpoint: TrainingCheckpoint) -> [(String, Any)] {
        [("type", "training checkpoint"), ("step", checkpoint.state.iteration), ("training_seconds", checkpoint.elapsedSeconds),
         ("parts", checkpoint.state.parts.keys.sorted()), ("identity_sha256", checkpoint.identity),
         ("resume", "repeat the `strainer train-prior` command that wrote it, with --resume")]
    }

    /// The step, fitting time and best iterate of an unfinished fit.
    private static func describe(unfinishedFit state: SolverState) -> [(String, Any)] {
        var fields: [(String, Any)] = [("type", "unfinished fit (solver state)"), ("step", state.iteration),
                                       ("fit_seconds", state.stepSeconds.reduce(0, +)), ("evaluations", state.evaluations.count)]
        if let best = state.best {
            let evaluation = state.evaluations[best.index]
            fields += [("best_psnr", evaluation.psnr), ("best_step", evaluation.iteration)]
        }
        if let stop = state.discrepancyStop { fields.append(("discrepancy_stop", stop)) }
        return fields + [("resume", "repeat the `strainer compare`, `compare-priors` or `solve` command that wrote it, with --resume")]
    }

    /// Family, hyper-parameters, layer widths and encoder depth.
    private static func describe(_ architecture: Architecture) -> [(String, Any)] {
        var fields: [(String, Any)] = [("family", architecture.family.name)]
        switch architecture.family {
        case let .siren(omegaFirst, omegaHidden):
            fields += [("omega_first", Double(omegaFirst)), ("omega_hidden", Double(omegaHidden))]
        case let .fourierFeatures(features, sigma):
            fields += [("features", features), ("sigma", Double(sigma))]
        case let .gaussian(scale):
            fields.append(("scale", Double(scale)))
        case .relu:
            break
        }
        return fields + [("dimensions", architecture.dimensions), ("encoder_layers", architecture.encoderDepth)]
    }

    /// One field a line, `name  value`, names aligned; a list of names continues on the lines below, one a line;
    /// the layer statistics last, as a table.
    private static func render(_ fields: [(String, Any)]) -> String {
        if let (_, layers) = fields.last, let rows = layers as? [WeightStatistics] {
            let table = TextTable.render([["layer", "in → out", "‖W‖_F", "σ_max", "stable rank"]] + rows.enumerated().map { k, row in
                ["\(k)", "\(row.inputs) → \(row.outputs)", String(format: "%.3f", row.frobenius), String(format: "%.3f", row.spectral),
                 row.stableRank.map { String(format: "%.2f", $0) } ?? row.stableRankProblem ?? ""]
            })
            return render(Array(fields.dropLast())) + "\n\n" + table
        }
        let labels = fields.map { $0.0.replacingOccurrences(of: "_", with: " ") }
        let width = labels.map(\.count).max() ?? 0
        return zip(labels, fields).map { label, field in
            let lines = (field.1 as? [String]) ?? [text(field.1, of: field.0)]
            return lines.enumerated().map { index, line in
                (index == 0 ? label : "").padding(toLength: width, withPad: " ", startingAt: 0) + "  " + line
            }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// A field's value as text: lists joined by commas, settings as `key value`, seconds also as a duration.
    private static func text(_ value: Any, of key: String) -> String {
        if key.hasSuffix("_seconds"), let seconds = value as? Double {
            return String(format: "%.1f", seconds) + " (\(ProgressLine.duration(seconds)))"
        }
        switch value {
        case let numbers as [Int]: return numbers.map(String.init).joined(separator: " → ")
        case let psnrs as [Double]:
            return psnrs.map { String(format: "%.2f", $0) }.joined(separator: ", ")
                + String(format: " (mean %.2f dB)", psnrs.reduce(0, +) / Double(max(psnrs.count, 1)))
        case let settings as [String: String]:
            return settings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        case let seconds as Double:
            return seconds.rounded() == seconds ? String(Int(seconds)) : String(format: "%.4g", seconds)
        default: return "\(value)"
        }
    }
}
