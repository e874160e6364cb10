import Solver

/// What a run's Slurm jobs ask the scheduler for (`--slurm-partition`, `--slurm-time`, …), as `#SBATCH` lines.
public struct SlurmSettings: Equatable {
    public var partition: String?
    /// The time limit of each job (`minutes`, `hours:minutes:seconds`, `days-hours`, as sbatch reads it).
    public var time: String?
    public var account: String?
    public var cpusPerTask: Int?
    /// The memory of each job (`4G`, `500M`, as sbatch reads it); nil: ``defaultMemory(for:)`` of the run's largest fit.
    public var memory: String?
    /// More sbatch options, each as sbatch reads it (`--qos=long`, `--constraint=avx2`).
    public var options: [String] = []

    public init(partition: String? = nil, time: String? = nil, account: String? = nil, cpusPerTask: Int? = nil,
                memory: String? = nil, options: [String] = []) {
        self.partition = partition
        self.time = time
        self.account = account
        self.cpusPerTask = cpusPerTask
        self.memory = memory
        self.options = options
    }

    /// The `#SBATCH` options of every job of the run: these settings (the memory given, else `defaultMemory`), then
    /// the ones every job needs — requeued when preempted or when its node fails, and sent SIGTERM a minute before its
    /// time limit, so that a fit keeps its state and continues from it (``StopRequest``).
    func directives(defaultMemory: String) -> [String] {
        var directives: [String] = []
        if let partition { directives.append("--partition=\(partition)") }
        if let time { directives.append("--time=\(time)") }
        if let account { directives.append("--account=\(account)") }
        if let cpusPerTask { directives.append("--cpus-per-task=\(cpusPerTask)") }
        directives.append("--mem=\(memory ?? defaultMemory)")
        return directives + options + ["--requeue", "--signal=B:TERM@60"]
    }

    /// The process's own memory beside a fit's (the binary and its libraries, BLAS and FFTW buffers, the images of the
    /// run, a baseline's work): 256 MiB.
    public static let processBytes = 256 << 20

    /// What a job asks for when `--slurm-mem` is not given: the largest fit's count (``Solver/FitMemory``, the
    /// whole grid in one pass as a comparison runs it) with half again as margin, and ``processBytes``, in MiB.
    public static func defaultMemory(for fits: [FitMemory]) -> String {
        let largest = fits.map { $0.bytes() }.max() ?? 0
        return "\((largest + largest / 2 + processBytes + (1 << 20) - 1) >> 20)M"
    }
}
