import Foundation
import XCTest

/// The Slurm cluster the tests that submit jobs use: the one `sbatch` on `PATH` talks to (in CI, the single-node
/// cluster of `Scripts/slurm-localhost.sh`, whose configuration `SLURM_CONF` names). Without one, those tests skip.
enum SlurmCluster {
    /// Skips the calling test, saying why, unless `sbatch` is on `PATH`, a Slurm configuration is there and its
    /// controller answers `scontrol ping`.
    static func requireAvailable() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        guard path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/sbatch") }) else {
            throw XCTSkip("no Slurm here: sbatch is not on PATH (Scripts/slurm-localhost.sh start sets up a localhost cluster)")
        }
        let configuration = ProcessInfo.processInfo.environment["SLURM_CONF"] ?? "/etc/slurm/slurm.conf"
        guard FileManager.default.fileExists(atPath: configuration) else {
            throw XCTSkip("no Slurm here: no configuration at \(configuration) (Scripts/slurm-localhost.sh start prints the SLURM_CONF to export)")
        }
        let ping = try run("scontrol", ["ping"])
        guard ping.status == 0 else {
            throw XCTSkip("no Slurm here: its controller does not answer (`scontrol ping`: \(ping.output.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
    }

    /// Runs the Slurm client `tool` (found on `PATH`) with `arguments`; its exit status and its output (stdout then stderr).
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
