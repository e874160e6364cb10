import Foundation
import XCTest

/// What the Slurm tests read of a run handed to Slurm, and how they wait on its jobs.
enum SlurmRun {
    /// What a test reads of a run's `slurm-submission`.
    struct SubmittedJobs: Decodable {
        var trainingsJob: String?
        var fitsJob: String?
        var reportJob: String
    }

    /// The submission the journal `journal` keeps.
    static func submission(in journal: URL) throws -> SubmittedJobs {
        try JSONDecoder().decode(SubmittedJobs.self, from: Data(contentsOf: journal.appendingPathComponent("slurm-submission")))
    }

    /// Waits until the log `log` holds `text` or `deadline` passes; whether it does.
    @discardableResult
    static func waitFor(_ text: String, in log: URL, until deadline: Date) -> Bool {
        while !((try? String(contentsOf: log, encoding: .utf8))?.contains(text) ?? false) {
            guard Date() < deadline else { return false }
            usleep(50_000)
        }
        return true
    }

    /// Waits until `squeue` lists none of the jobs `ids` (or `deadline` passes).
    static func waitUntilEnded(_ ids: [String], until deadline: Date) throws {
        while try SlurmCluster.run("squeue", ["--noheader", "--jobs", ids.joined(separator: ",")]).output
            .contains(where: { !$0.isWhitespace }) && Date() < deadline {
            usleep(200_000)
        }
    }
}
