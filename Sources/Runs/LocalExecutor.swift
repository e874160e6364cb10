/// Runs every task of a run in this process, `jobs` fits at a time (`--jobs`), and writes the report.
public struct LocalExecutor: Executor {
    public var jobs: Int

    public init(jobs: Int = 1) {
        self.jobs = jobs
    }

    public func execute(_ prepared: PreparedRun, _ configuration: RunConfiguration, resumption: Resumption) throws -> Execution {
        .finished(try prepared.run(configuration, resumption: resumption, jobs: jobs))
    }
}
