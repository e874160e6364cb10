import ArgumentParser

/// `--checkpoint-seconds S`: how often a comparison's running fits keep their state in the run's journal, so that
/// `--resume` continues an interrupted fit from there instead of from its first step.
struct FitCheckpointOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Keep each running fit's state (network, optimiser, curve so far) in the journal at most this often, so that --resume continues an interrupted fit from there, to the same bits (0: after every step).",
        valueName: "seconds"))
    var checkpointSeconds: Double = 60

    func validate() throws {
        guard checkpointSeconds >= 0, checkpointSeconds.isFinite else {
            throw ValidationError("--checkpoint-seconds is \(checkpointSeconds); expected a number of seconds ≥ 0")
        }
    }
}
