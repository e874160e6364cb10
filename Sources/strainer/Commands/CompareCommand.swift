import ArgumentParser
import Foundation
import Runs

/// `strainer compare`: every prior and every classical baseline of a problem on each of its images.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Solve a problem from each of its priors and with each of its baselines; write a report to Results/.",
        discussion: """
            For every image of the problem, y = noise(A x) is simulated with the problem's seed; an INR is fitted \
            to y from each prior (the loss is the noise model's negative log-likelihood of y given A f_θ, Adam), \
            and every classical baseline reconstructs x from y. PSNR and SSIM against x are measured every \
            --evaluate-every steps, untimed; the best iterate is kept. Learned priors named by the problem are \
            trained once and reused from <out>/priors/. The run folder holds config.yaml, metrics.csv, \
            summary.json, report.md and report.html; the table is also printed.
            """)

    @OptionGroup var problemRun: ProblemRunOptions

    @OptionGroup var jobs: JobsOption

    @OptionGroup(title: "Executor") var executor: ExecutorOptions

    func run() throws {
        let configuration = try problemRun.configuration(command: "strainer compare")
        let resumption = problemRun.resuming.resumption
        let chosen = executor.make(jobs: jobs.jobs, checkpointSeconds: resumption.checkpointSeconds)
        try chosen.execute(configuration, resumption: resumption).print()
    }
}
