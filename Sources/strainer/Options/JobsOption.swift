import ArgumentParser
import INR

/// `--jobs N`: how many fits of a comparison run at once.
struct JobsOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Fits to run at once, each on an equal share of the threads (default 1). The results are the same bits; on a machine with more cores than one fit uses (a 178×178 fit splits into 16 shards of rows), several fits at once finish a comparison sooner.",
        valueName: "N"))
    var jobs = 1

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs is \(jobs); expected ≥ 1") }
    }
}
