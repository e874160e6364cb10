import ArgumentParser
import Problems

/// `--schedule`: Adam's learning-rate schedule, `constant`, `cosine` or a mapping with parameters.
struct ScheduleOption: ParsableArguments {
    @Option(help: ArgumentHelp("Learning-rate schedule: constant, cosine (to 0 at the last step), or a mapping such as '{name: cosine, floor: 0.01}' or '{name: step, every: 500, factor: 0.5}'.", valueName: "schedule"))
    var schedule: String?

    func validate() throws {
        do {
            _ = try setting()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The schedule asked for; nil when the option is absent.
    func setting() throws -> ScheduleSetting? {
        try schedule.map { try ScheduleSetting.parse($0, option: "--schedule") }
    }
}
