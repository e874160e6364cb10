/// Where a run's tasks run: in this process (``LocalExecutor``) or as jobs of a batch scheduler (``SlurmExecutor``).
/// Either way the plan, the journal and the bits are the same.
public protocol Executor {
    /// Prepares the run `configuration` asks for and runs it as `resumption` says, or hands it to the scheduler.
    func execute(_ configuration: RunConfiguration, resumption: Resumption) throws -> Execution
}

/// What an executor did with a run.
public enum Execution {
    /// The run finished here: its report is written.
    case finished(PreparedRun.Written)
    /// The run's jobs are submitted; they write the report when they are done.
    case submitted(SlurmSubmission)
}
