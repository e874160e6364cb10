/// Runs every task of a run in this process — its learned priors trained (or reused) first, while it is prepared,
/// then its fits, `jobs` at a time (`--jobs`) — and writes the report.
public struct LocalExecutor: Executor {
    public var jobs: Int

    public init(jobs: Int = 1) {
        self.jobs = jobs
    }

    public func execute(_ configuration: RunConfiguration, resumption: Resumption) throws -> Execution {
        .finished(try configuration.prepare(untrained: .trainHere).run(configuration, resumption: resumption, jobs: jobs))
    }
}
