import Dispatch
import Foundation
import Subprocess

/// Slurm's client commands (`sbatch`, `squeue`, `sacct`, `scancel`), run through swift-subprocess: their output parsed
/// from the machine-readable forms (`sbatch --parsable`, `squeue --noheader --format`, `sacct --parsable2`), their
/// refusals turned into one `error:` line with Slurm's own words.
public enum SlurmClient {
    /// What a client command printed, and whether it succeeded.
    struct Output {
        var succeeded: Bool
        var standardOutput: String
        var standardError: String

        /// Slurm's complaint on one line: its `error:` lines without their `sbatch: error:` prefix, joined.
        var complaint: String {
            let lines = standardError.split(separator: "\n").map { line in
                line.replacingOccurrences(of: #"^\w+: error: "#, with: "", options: .regularExpression)
                    .trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            return lines.isEmpty ? "no message" : lines.joined(separator: "; ")
        }
    }

    /// Whether `tool` is on `PATH`.
    public static func isAvailable(_ tool: String = "sbatch") -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    /// Submits the batch script `script` with `arguments` before it (`--dependency=…`); its job id.
    public static func submit(_ script: URL, arguments: [String] = [], what: String) throws -> String {
        let output = try run("sbatch", ["--parsable"] + arguments + [script.path])
        guard output.succeeded, let id = output.standardOutput.split(separator: "\n").first?.split(separator: ";").first,
              !id.isEmpty else {
            throw RunError("sbatch refused \(what) (\(script.path)): \(output.complaint)")
        }
        return String(id)
    }

    /// Cancels jobs `ids` (asked to by a failed submission); errors are ignored, the jobs may have ended.
    public static func cancel(_ ids: [String]) {
        _ = try? run("scancel", ids)
    }

    /// The state of every job of `ids` Slurm still lists (pending, running, …; array elements as `<id>_<index>`),
    /// by job id; empty when `squeue` cannot be asked.
    public static func queuedStates(of ids: [String]) -> [String: String] {
        guard !ids.isEmpty, isAvailable("squeue"),
              let output = try? run("squeue", ["--noheader", "--array", "--jobs", ids.joined(separator: ","), "--format", "%i %T"]),
              output.succeeded else { return [:] }
        var states: [String: String] = [:]
        for line in output.standardOutput.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2 { states[String(fields[0])] = String(fields[1]) }
        }
        return states
    }

    /// How each job of `ids` that has ended did, as Slurm's accounting keeps it (array elements as `<id>_<index>`), by
    /// job id; empty when `sacct` cannot be asked or the cluster keeps no accounting (`sacct` then refuses).
    public static func endings(of ids: [String]) -> [String: SlurmJobEnding] {
        guard !ids.isEmpty, isAvailable("sacct"),
              let output = try? run("sacct", ["--parsable2", "--noheader", "--allocations", "--jobs", ids.joined(separator: ","),
                                              "--format", "JobID,State,ExitCode"]),
              output.succeeded else { return [:] }
        var endings: [String: SlurmJobEnding] = [:]
        for line in output.standardOutput.split(separator: "\n") {
            guard let (jobs, ending) = SlurmJobEnding.row(line) else { continue }
            for job in jobs { endings[job] = ending }
        }
        return endings
    }

    /// Runs `tool arguments…` to its end and collects what it printed.
    static func run(_ tool: String, _ arguments: [String]) throws -> Output {
        let box = ResultBox()
        let finished = DispatchSemaphore(value: 0)
        Task {
            do {
                let result = try await Subprocess.run(.name(tool), arguments: Arguments(arguments),
                                                      output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
                box.result = .success(Output(succeeded: result.terminationStatus.isSuccess, standardOutput: result.standardOutput,
                                             standardError: result.standardError))
            } catch {
                box.result = .failure(RunError("could not run \(tool): \(error)"))
            }
            finished.signal()
        }
        finished.wait()
        return try box.result!.get()
    }

    /// Carries a client command's outcome from its task to the waiting thread (written once, before the signal).
    private final class ResultBox: @unchecked Sendable {
        var result: Result<Output, Error>?
    }
}
