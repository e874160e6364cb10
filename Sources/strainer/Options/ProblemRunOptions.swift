import ArgumentParser
import Foundation
import Problems
import Reporting
import Runs

/// The options `strainer solve` and `strainer compare` share: which problem, and what to change about it.
struct ProblemRunOptions: ParsableArguments {
    @Argument(help: "The problem's id (see `strainer problems`).")
    var problemID: String

    @Option(name: .customLong("prior"),
            help: "A prior to use instead of all the problem's: one of them by name (such as 'strainer'), 'random', or a prior file. Repeat to compare several.")
    var priors: [String] = []

    @Option(help: "Solve for this image file instead of the problem's images (prepared to the problem's size and channels).")
    var image: String?

    @Option(help: "Use only the first K of the problem's images.")
    var images: Int?

    @Option(help: "Adam steps per solve (default: the problem's).")
    var iterations: Int?

    @Option(help: "Measure PSNR and SSIM every K steps (default: the problem's).")
    var evaluateEvery: Int?

    @Option(help: ArgumentHelp("When each fit ends (default: the problem's): 'none' after every iteration, 'discrepancy' at the first iterate whose residual reaches the noise level (no ground truth needed).", valueName: "rule"))
    var stop: SolverSettings.Stop?

    @Option(help: "τ of the discrepancy principle: the residual level, in units of the noise variance, that counts as reached (default: the problem's, usually 1).")
    var discrepancyTarget: Double?

    @OptionGroup var schedule: ScheduleOption

    @Option(help: "Solve at SIZE×SIZE instead of the problem's size (learned priors follow).")
    var size: Int?

    @Option(help: "Training steps of the problem's learned priors (default: each recipe's).")
    var priorIterations: Int?

    @OptionGroup(title: "Transfer (STRAINER priors)")
    var transfer: TransferOptions

    @Option(name: .customLong("problems"), help: "Also read the problem files of this folder (repeatable).")
    var folders: [String] = []

    @Option(help: "Folder under which the run folder (and trained priors, in priors/) are created.")
    var out = "Results"

    @Flag(help: "Show each reconstruction's error map |x − x̂| (× 4, gray) beside it in the report.")
    var errorMaps = false

    @OptionGroup var resuming: ResumeOptions

    func validate() throws {
        for (name, value) in [("--images", images), ("--iterations", iterations), ("--evaluate-every", evaluateEvery),
                              ("--prior-iterations", priorIterations)] {
            if let value, value < 1 { throw ValidationError("\(name) is \(value); expected ≥ 1") }
        }
        if let discrepancyTarget, !(discrepancyTarget.isFinite && discrepancyTarget > 0) {
            throw ValidationError("--discrepancy-target is \(discrepancyTarget); expected a finite value > 0")
        }
        if let size, size < 8 { throw ValidationError("--size is \(size); expected ≥ 8") }
        if image != nil && images != nil { throw ValidationError("give either --image or --images, not both") }
    }

    /// The run these options ask `command` for (its arguments are this process's after the subcommand's name).
    func configuration(command: String, withBaselines: Bool = true, priorLimit: Int? = nil) throws -> RunConfiguration {
        RunConfiguration(command: command, arguments: Array(CommandLine.arguments.dropFirst(2)),
                         request: .problem(try request, withBaselines: withBaselines, priorLimit: priorLimit))
    }

    /// What these options ask for, as a request the `Runs` module resolves.
    var request: ProblemRunRequest {
        get throws {
            var request = ProblemRunRequest(problemID: problemID)
            request.priors = priors
            request.image = image
            request.overrides.images = images
            request.overrides.iterations = iterations
            request.overrides.evaluateEvery = evaluateEvery
            request.overrides.stop = stop
            request.overrides.discrepancyTarget = discrepancyTarget
            request.overrides.schedule = try schedule.setting()
            request.overrides.size = size
            request.overrides.priorIterations = priorIterations
            request.transfer = transfer.isGiven ? transfer.transfer : nil
            request.folders = folders
            request.out = out
            request.errorMaps = errorMaps
            request.resumesPriorTraining = resuming.resumption.resumes
            return request
        }
    }
}

extension PreparedRun.Written {
    /// Prints the run's table and its report's path.
    func print() {
        Swift.print(MarkdownReport.console(report))
        Swift.print("\nreport: \(folder.appendingPathComponent("report.html").path)")
    }
}

extension SolverSettings.Stop: ExpressibleByArgument {}
