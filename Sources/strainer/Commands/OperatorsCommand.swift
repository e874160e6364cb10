import ArgumentParser
import Foundation
import Operators

/// `strainer operators`: the registered forward operators and noise models, and their conformance battery.
struct OperatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operators",
        abstract: "List the forward operators and noise models, check them, or time them.",
        subcommands: [List.self, Check.self, Bench.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every operator and noise model: name, one line of mathematics, parameters.")

        func run() {
            print(section("Operators", operatorRegistry))
            print()
            print(section("Noise models (the seed is given by --seed)", noiseRegistry))
        }

        private func section<Product>(_ title: String, _ registry: Registry<Product>) -> String {
            var lines = ["\(title):"]
            for entry in registry.entries {
                lines.append("  \(entry.name)  —  \(entry.summary)")
                for parameter in entry.parameters {
                    lines.append("      \(parameter.name): \(parameter.kind) — \(parameter.summary)")
                }
            }
            return lines.joined(separator: "\n")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the conformance battery (adjoint, linearity, normal, norm) on every registered configuration.",
            discussion: "Exits with status 1 when a configuration fails. Levin kernels are included when run from the package root.")

        @Flag(help: "One JSON object per configuration per line instead of a table.")
        var json = false

        @Option(help: "Seed of the random test vectors.")
        var seed: UInt64 = 0

        func run() throws {
            let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let reports = ConformanceSuite.run(datasetsRoot: root, seed: seed)
            if json {
                let encoder = JSONEncoder()
                encoder.keyEncodingStrategy = .convertToSnakeCase
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
                for report in reports { print(String(decoding: try encoder.encode(report), as: UTF8.self)) }
            } else {
                var rows = [["configuration", "shape", "adjoint error", "scale", "linearity", "‖A‖", "result"]]
                for report in reports {
                    rows.append([report.name, "\(report.inputShape) → \(report.outputShape)",
                                 String(format: "%.2e", report.relativeAdjointError), String(format: "%.6f", report.adjointScale),
                                 String(format: "%.1e", report.linearityError), String(format: "%.4g", report.operatorNorm),
                                 report.passed ? "pass" : "FAIL: " + report.failures.joined(separator: "; ")])
                }
                print(TextTable.render(rows))
                let worst = reports.map(\.relativeAdjointError).max() ?? 0
                print("\n\(reports.filter(\.passed).count) of \(reports.count) configurations pass; largest relative adjoint error \(String(format: "%.2e", worst))")
            }
            if reports.contains(where: { !$0.passed }) { throw ExitCode(1) }
        }
    }
}
