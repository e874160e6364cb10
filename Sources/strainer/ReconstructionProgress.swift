import Foundation
import INR
import Reconstruction
import Runs
import Solver

/// What the reconstruction commands show while they fit and write down after: the live line of a fit (its ETA
/// restarted when validation's refit begins) and the facts about its steps and the machine for the report.
final class ReconstructionProgress {
    private var line = ProgressLine()
    private var shown = ""

    /// One step of the fit called `stage` (up to `budget` steps) or of its refit: "<stage>: step i/N  loss L  ETA".
    func show(_ step: SolverProgress, phase: Reconstruction.Phase, stage: String, budget: Int) {
        let (label, total) = switch phase {
        case .fit: (stage, budget)
        case let .refit(steps): ("\(stage), refit on every measurement", steps)
        }
        if label != shown { (line, shown) = (ProgressLine(), label) }
        line.show(String(format: "%@: step %d/%d  loss %.5g", label, step.iteration, total, step.loss)
                  + "  " + line.eta(done: step.iteration, total: total), keep: false)
    }

    /// The report's last facts: the steps taken (`steps` wall times, `refitSteps` of them the refit's; passes in
    /// chunks of `chunkRows` rows when given), the process's peak memory, the machine and the command line.
    static func closingFacts(steps: [Double], refitSteps: Int, chunkRows: Int? = nil) -> [(name: String, value: String)] {
        [
            ("steps", String(format: "%d in %@ (median %.0f ms a step)", steps.count, ProgressLine.duration(steps.reduce(0, +)),
                             steps.steadyMedian(warmup: 3) * 1e3)
                + (chunkRows.map { ", chunks of \($0) rows" } ?? "")
                + (refitSteps > 0 ? ", \(refitSteps) of them refits on every measurement" : "")),
            ("peak memory", "\(ResourceUsage.peakResidentBytes >> 20) MiB"),
            RunPlatform.fact(jobs: 1),
            ("command", (["strainer"] + CommandLine.arguments.dropFirst()).joined(separator: " ")),
        ]
    }
}
