import ArgumentParser
import Foundation
import Operators
import Problems
import Runs

/// `strainer problems`: the inverse problems of `Problems/` (and of extra folders), as a table or one in full.
struct ProblemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problems",
        abstract: "List the inverse problems (Problems/*.yaml), or show one in full.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self)

    /// The `--problems DIR` option shared by both subcommands.
    struct Folders: ParsableArguments {
        @Option(name: .customLong("problems"), help: "Also read the problem files (*.yaml) of this folder (repeatable).",
                completion: .directory)
        var folders: [String] = []

        /// The bundled problems plus those of the extra folders, every file checked.
        func registry() throws -> ProblemRegistry {
            try ProblemRegistry.load(extraFolders: folders.map { URL(fileURLWithPath: $0) })
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Id, title, operator, noise and images of every problem; every file is checked first.")

        @OptionGroup var folders: Folders

        func run() throws {
            let registry = try folders.registry()
            var rows = [["id", "title", "operator", "noise", "images"]]
            for problem in registry.problems {
                let spec = problem.spec
                rows.append([spec.id, spec.title, spec.operatorSpec.flowStyle, spec.noiseSpec?.flowStyle ?? "none",
                             spec.groundTruth.description])
            }
            // The title, operator, noise and images columns wrap to fit the terminal (a long operator spec made it 230 wide).
            print(TextTable.render(rows, width: TerminalWidth.columns(of: STDOUT_FILENO), wrapping: [1, 2, 3, 4]))
            print("\n\(registry.problems.count) problems; `strainer problems show ID` prints one in full")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One problem with every setting resolved (defaults filled in, operator built).")

        @Argument(help: "The problem's id.")
        var id: String

        @OptionGroup var folders: Folders

        func run() throws {
            let built = try ProblemRegistry.problem(id, extraFolders: folders.folders.map { URL(fileURLWithPath: $0) })
            let problem = built.problem
            let spec = problem.spec
            let forward = built.forward
            let network = spec.network
            let family = switch network.family {
            case .siren: "siren, ω₀ = \(ParameterValue.number(network.omega))"
            case .fourier: "fourier, \(network.features) features, σ = \(ParameterValue.number(network.sigma))"
            case .gaussian: "gaussian, s = \(ParameterValue.number(network.scale))"
            }
            let solver = spec.solver
            var lines = [
                "\(spec.id): \(spec.title)",
                "  file:        \(problem.file.path)",
                "  images:      \(spec.groundTruth)",
                "  size:        \(spec.size)×\(spec.size)×\(spec.channels) (\(spec.preparation.rawValue))",
                "  operator:    \(spec.operatorSpec.flowStyle) → \(forward.outputShape)\(forward.outputIsComplex ? " complex" : "")",
                "  noise:       " + (spec.noiseSpec.map { "\($0.flowStyle), seed \(spec.seed)" } ?? "none"),
                "  network:     \(family), \(network.layers) layers of \(network.width)",
                "  solver:      \(solver.iterations) steps, lr \(solver.learningRate) (\(solver.schedule) schedule), evaluated every \(solver.evaluateEvery)"
                    + (solver.tvWeight > 0 ? ", TV weight \(solver.tvWeight)" : ""),
                "  priors:",
            ]
            lines += spec.priors.map { "    \($0.label): \($0)" }
            lines.append("  baselines:" + (spec.baselines.isEmpty ? " none" : ""))
            lines += spec.baselines.map { "    \($0.flowStyle)" }
            print(lines.joined(separator: "\n"))
        }
    }
}
