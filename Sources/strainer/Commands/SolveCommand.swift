import ArgumentParser
import Foundation
import INR
import Runs
import Imaging

/// `strainer solve`: one prior on one image of a problem.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a problem for one image from one prior; write the reconstruction and a report.",
        discussion: """
            Uses the problem's first image (or --image FILE) and its first prior (or --prior P), and no baselines. \
            The best iterate (chosen with the ground truth) is written to --save when given; with --stop discrepancy, \
            the iterate at which the residual reached the noise level, which needs no ground truth. The run folder \
            under --out holds the curve and the report, as for `strainer compare`.
            """)

    @OptionGroup var problemRun: ProblemRunOptions

    @Option(help: "Write the reconstruction (the best iterate, or the discrepancy stop with --stop discrepancy) to this image file (.png, .tif, .pgm/.ppm).")
    var save: String?

    @OptionGroup(title: "Executor") var executor: ExecutorOptions

    func validate() throws {
        if problemRun.priors.count > 1 { throw ValidationError("solve takes one --prior; use `strainer compare` for several") }
        if save != nil && executor.executor == .slurm {
            throw ValidationError("--save writes the reconstruction from this process; with --executor slurm the report job keeps it in the run folder (images/), so give one or the other")
        }
    }

    func run() throws {
        var options = problemRun
        if options.image == nil { options.images = 1 }
        let configuration = try options.configuration(command: "strainer solve", withBaselines: false, priorLimit: 1)
        let resumption = problemRun.resuming.resumption
        let execution = try executor.make(jobs: 1, checkpointSeconds: resumption.checkpointSeconds)
            .execute(configuration, resumption: resumption)
        execution.print()
        if let save, case let .finished(written) = execution, let best = written.outcome.reconstructions.first {
            try ImageFile.write(best.reconstruction, to: URL(fileURLWithPath: save))
            print("reconstruction: \(save)")
        }
    }
}
