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
    /// parses the command line and runs the subcommand. ArgumentParser's own outcomes (help, version, usage
    /// errors — some of which only surface from `run()`, as its internal `CommandError`) get its usual output;
    /// any failure while running, a bad option value found by `run()` included, is one line
    /// `error: <message>` on stderr and exit status 1; a comparison stopped by a signal says what it kept, with
    /// exit status 128 + the signal's number, as a shell reports a process the signal ended.
    static func main() {
        BLASRuntime.reexecuteWithOptimisedKernelsIfNeeded()
        BLASRuntime.useCallingThreadOnly()
        do {
            _ = try ComputeThreads.configured(ProcessInfo.processInfo.environment)  // a bad STRAINER_THREADS stops here
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ValidationError {
            fail(error.message)
        } catch let interrupted as StopRequest.Interrupted {
            FileHandle.standardError.write(Data("\(interrupted)\n".utf8))
            exit(withError: ExitCode(128 + interrupted.signal))
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            exit(withError: error)
        } catch {
            fail("\(error)")
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message.replacingOccurrences(of: "\n", with: " "))\n".utf8))
        exit(withError: ExitCode.failure)
    }
}
