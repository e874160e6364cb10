import Foundation
import Problems
import Reporting
import Yams

/// What a comparison run resolved to, in one typed schema: its config.yaml (written by the run, read back by
/// `strainer merge` and `strainer inspect`), and, without the command line and with a prior the run trains named by
/// its file, its journal's identity. The keys are those config.yaml always had, so older run folders read as well.
public enum RunSettings: Codable, Equatable {
    /// A problem's run (`compare`, `solve`).
    case problem(ProblemRunSettings)
    /// A dataset split fitted from each prior (`compare-priors`).
    case priorComparison(PriorComparisonSettings)

    /// A problem's settings have a `problem` key; a prior comparison's do not.
    private enum Discriminator: String, CodingKey {
        case problem
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.container(keyedBy: Discriminator.self).contains(.problem)
            ? .problem(try ProblemRunSettings(from: decoder)) : .priorComparison(try PriorComparisonSettings(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .problem(settings): try settings.encode(to: encoder)
        case let .priorComparison(settings): try settings.encode(to: encoder)
        }
    }

    /// As config.yaml holds them: keys sorted, text (σ, ∈, ×) as it is.
    public func yaml() throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        encoder.options.allowUnicode = true
        return try encoder.encode(self)
    }

    /// The settings the config.yaml at `file` holds (`text`); an error naming the file, and the key that is missing
    /// or not what was expected.
    public init(yaml text: String, file: String) throws {
        do {
            self = try SafeYAML.decode(RunSettings.self, from: text)
        } catch let error as DecodingError {
            throw RunError("\(file): \(Self.describe(error)); expected the config.yaml of a run of `strainer compare`, `solve` or `compare-priors`")
        } catch {
            throw RunError("\(file): \(error)")
        }
    }

    /// Settings free to differ between merged runs: which methods a run compared, how it was asked for, where its
    /// problem file was (its content is in the other settings), and the machine (runs on two CPU models agree to
    /// rounding; each source run's platform stays in the merged config.yaml).
    public static let freeToDiffer: Set<String> = ["priors", "prior_sha256", "baselines", "command", "problem_file", "platform"]

    /// The first setting, by path (`solver.iterations`), outside ``freeToDiffer``, in which `other` differs from
    /// these: the path and its value in each (`absent` where one has none), on one line each; `nil` when they agree.
    public func disagreement(with other: RunSettings) throws -> (key: String, here: String, there: String)? {
        let (mine, theirs) = (try Self.values(self), try Self.values(other))
        let free = { (key: String) in Self.freeToDiffer.contains(String(key.prefix { $0 != "." })) }
        for key in Set(mine.keys).union(theirs.keys).sorted() where !free(key) && mine[key] != theirs[key] {
            return (key, mine[key] ?? "absent", theirs[key] ?? "absent")
        }
        return nil
    }

    /// Whether `runs` may be merged: every run's config.yaml read, and each agreeing with the first's but for
    /// ``freeToDiffer``; an error naming the run's config.yaml, the setting and its two values otherwise.
    public static func checkAgree(_ runs: [RunRecords]) throws {
        let settings = try runs.map { run in
            try RunSettings(yaml: run.configuration, file: run.folder.appendingPathComponent("config.yaml").path)
        }
        for (run, other) in zip(runs, settings).dropFirst() {
            if let (key, reference, differing) = try settings[0].disagreement(with: other) {
                throw RunError("\(run.folder.path)/config.yaml: \(key) is \(differing), but \(reference) in "
                               + "\(runs[0].folder.lastPathComponent); merged runs must agree on every setting but their methods")
            }
        }
    }

    /// Each setting of `settings` as one line of YAML, by its path (`solver.iterations`: mappings are followed down
    /// to their values; a list is one value).
    private static func values(_ settings: RunSettings) throws -> [String: String] {
        var values: [String: String] = [:]
        func add(_ node: Node, at path: String) throws {
            guard case let .mapping(mapping) = node else {
                values[path] = try Yams.serialize(node: node, allowUnicode: true, sortKeys: true)
                    .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: "; ")
                return
            }
            for (key, value) in mapping {
                try add(value, at: path.isEmpty ? key.string ?? "" : "\(path).\(key.string ?? "")")
            }
        }
        try Yams.compose(yaml: try settings.yaml()).map { try add($0, at: "") }
        return values
    }

    /// A decoding error as "lacks solver.iterations" or "solver.iterations: expected Int …".
    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case let .keyNotFound(key, context): return "lacks \(path(context.codingPath + [key]))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(context.codingPath.isEmpty ? "the document" : path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
