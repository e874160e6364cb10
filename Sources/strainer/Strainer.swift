import ArgumentParser
import Foundation

/// `strainer`: the command-line entry point. Each subcommand lives in its own file.
@main
struct Strainer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strainer",
        abstract: "Imaging inverse problems with implicit neural representations and learned priors.",
        version: StrainerVersion.current,
        subcommands: [
            Datasets.self,
            Metrics.self,
            Report.self,
            TrainPrior.self,
        ])

    /// Parses the command line and runs the subcommand. Usage errors get ArgumentParser's message and usage;
    /// any failure while running is one line `error: <message>` on stderr and exit status 1.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as ExitCode {
            exit(withError: error)
        } catch let error as CleanExit {
            exit(withError: error)
        } catch {
            let message = "\(error)".replacingOccurrences(of: "\n", with: " ")
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            exit(withError: ExitCode.failure)
        }
    }
}
