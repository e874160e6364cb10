import ArgumentParser
import Foundation
import INR
import Runs

/// `strainer`: the command-line entry point. Each subcommand lives in its own file.
@main
struct Strainer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strainer",
        abstract: "Imaging inverse problems with implicit neural representations and learned priors.",
        version: StrainerVersion.description,
        subcommands: [
            CompareCommand.self,
            DenoiseCommand.self,
            ComparePriors.self,
            Datasets.self,
            Fit.self,
            MergeCommand.self,
            Metrics.self,
            OperatorsCommand.self,
            InspectCommand.self,
            ProblemsCommand.self,
            ReconstructCommand.self,
            ReconstructProblemCommand.self,
            SolveCommand.self,
            Report.self,
            RunTaskCommand.self,
            StatusCommand.self,
            SimulateCommand.self,
            TrainPrior.self,
        ])

    /// Runs OpenBLAS with kernels the CPU does best (restarting the process with `OPENBLAS_CORETYPE` set where
    /// OpenBLAS does not recognise the CPU) and on the calling thread only (see ``BLASRuntime``), then
    /// parses the command line and runs the subcommand. What parsing finds (help, version, a usage error from an
    /// option's `validate()`) and what ArgumentParser's own commands (help) throw get its usual output; what running
    /// one of the tool's subcommands finds — a runtime failure, whatever its type — is one line `error: <message>` on
    /// stderr and exit status 1, but for ArgumentParser's exits (`ExitCode`, `CleanExit`); a comparison stopped by a signal says what it kept, with exit status 128 + the
    /// signal's number, as a shell reports a process the signal ended.
    static func main() {
        BLASRuntime.reexecuteWithOptimisedKernelsIfNeeded()
        BLASRuntime.useCallingThreadOnly()
        var command: any ParsableCommand
        do {
            _ = try ComputeThreads.configured(ProcessInfo.processInfo.environment)  // a bad STRAINER_THREADS stops here
        } catch {
            fail("\(error)")
        }
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        // ArgumentParser answers --help with a command of its own, whose run() throws its help as an error.
        guard isOwnSubcommand(type(of: command)) else {
            do { try command.run() } catch { exit(withError: error) }
            exit(withError: ExitCode.success)
        }
        do {
            try command.run()
        } catch let interrupted as StopRequest.Interrupted {
            FileHandle.standardError.write(Data("\(interrupted)\n".utf8))
            exit(withError: ExitCode(128 + interrupted.signal))
        } catch let error as ExitCode {
            exit(withError: error)
        } catch let error as CleanExit {
            exit(withError: error)
        } catch {
            fail("\(error)")
        }
    }

    /// Whether `command` is one of the tool's own subcommands that run something (not a group of subcommands, not
    /// ArgumentParser's help), found by walking the tree of subcommands from `root`.
    private static func isOwnSubcommand(_ command: any ParsableCommand.Type, root: any ParsableCommand.Type = Strainer.self) -> Bool {
        root.configuration.subcommands.contains { subcommand in
            (ObjectIdentifier(subcommand) == ObjectIdentifier(command) && subcommand.configuration.subcommands.isEmpty)
                || isOwnSubcommand(command, root: subcommand)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message.replacingOccurrences(of: "\n", with: " "))\n".utf8))
        exit(withError: ExitCode.failure)
    }
}
