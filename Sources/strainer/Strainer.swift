import ArgumentParser

/// `strainer`: the command-line entry point. Each subcommand lives in its own file.
@main
struct Strainer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strainer",
        abstract: "Imaging inverse problems with implicit neural representations and learned priors.",
        version: StrainerVersion.current,
        subcommands: [
            Datasets.self,
            Fit.self,
            Metrics.self,
            Report.self,
        ])
}
