import ArgumentParser
import Foundation
import Runs

/// `--executor` and the `--slurm-*` options: where a comparison's fits run.
struct ExecutorOptions: ParsableArguments {
    /// The executors by name.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    @Option(help: ArgumentHelp("Where the fits run: 'local' (this process, --jobs at a time; the default) or 'slurm' (a job for each learned prior still to be trained, a job array of the fits after them, and a report job, submitted with sbatch; the command returns at once).", valueName: "executor"))
    var executor: Kind = .local

    @Option(help: "Slurm partition of the jobs (default: the cluster's).")
    var slurmPartition: String?

    @Option(help: ArgumentHelp("Time limit of each Slurm job, as sbatch reads it (e.g. 2:00:00); a fit still running a minute before it keeps its state.", valueName: "time"))
    var slurmTime: String?

    @Option(help: "Slurm account the jobs are charged to.")
    var slurmAccount: String?

    @Option(help: ArgumentHelp("CPUs of each Slurm job (strainer uses as many threads).", valueName: "N"))
    var slurmCpusPerTask: Int?

    @Option(help: ArgumentHelp("Memory of each Slurm job, as sbatch reads it (e.g. 4G). Default: the largest fit's count with half again as margin, plus 256 MiB.", valueName: "size"))
    var slurmMem: String?

    @Option(help: ArgumentHelp("Another sbatch option for every job, as sbatch reads it (e.g. --qos=long); repeatable.", valueName: "option"))
    var slurmOption: [String] = []

    func validate() throws {
        let slurmOnly = [("--slurm-partition", slurmPartition != nil), ("--slurm-time", slurmTime != nil), ("--slurm-account", slurmAccount != nil),
                         ("--slurm-cpus-per-task", slurmCpusPerTask != nil), ("--slurm-mem", slurmMem != nil), ("--slurm-option", !slurmOption.isEmpty)]
        if executor != .slurm, let given = slurmOnly.first(where: \.1) {
            throw ValidationError("\(given.0) applies to --executor slurm; expected it with --executor slurm, or not at all")
        }
        if let slurmCpusPerTask, slurmCpusPerTask < 1 {
            throw ValidationError("--slurm-cpus-per-task is \(slurmCpusPerTask); expected ≥ 1")
        }
        if let bad = slurmOption.first(where: { !$0.hasPrefix("-") }) {
            throw ValidationError("--slurm-option \(bad): expected an sbatch option such as --qos=long")
        }
    }

    /// The executor these options ask for; `jobs` fits at once for `local`, a fit's state kept every
    /// `checkpointSeconds` for `slurm`.
    func make(jobs: Int, checkpointSeconds: Double) -> any Executor {
        switch executor {
        case .local:
            return LocalExecutor(jobs: jobs)
        case .slurm:
            return SlurmExecutor(settings: SlurmSettings(partition: slurmPartition, time: slurmTime, account: slurmAccount,
                                                         cpusPerTask: slurmCpusPerTask, memory: slurmMem, options: slurmOption),
                                 checkpointSeconds: checkpointSeconds)
        }
    }
}

extension Execution {
    /// Prints what the executor did: a finished run's table and report path, or the submitted jobs and how to follow them.
    func print() {
        switch self {
        case let .finished(written): written.print()
        case let .submitted(submission): Swift.print(submission.summary)
        }
    }
}
