import ArgumentParser
import Reconstruction

/// `--max-memory`, shared by the reconstruction commands: the most memory one fit may take.
struct MemoryOption: ParsableArguments {
    @Option(help: "The most memory a fit may take (e.g. 4G); larger images are fitted in chunks of rows. Default: half the RAM.")
    var maxMemory: String?

    func validate() throws {
        _ = try budget()
    }

    /// The budget given, else half the machine's RAM.
    func budget() throws -> MemoryBudget {
        try maxMemory.map { try MemoryBudget(parsing: $0) } ?? .machineDefault
    }
}
