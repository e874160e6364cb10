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

    /// Waits until `squeue` lists none of the jobs `ids` and Slurm's accounting has recorded how each ended (it lags
    /// the queue by a moment), or `deadline` passes.
    static func waitUntilEnded(_ ids: [String], until deadline: Date) throws {
        let jobs = ids.joined(separator: ",")
        while try SlurmCluster.run("squeue", ["--noheader", "--jobs", jobs]).output.contains(where: { !$0.isWhitespace }) && Date() < deadline {
            usleep(200_000)
        }
        let live: Set<Substring> = ["PENDING", "RUNNING", "REQUEUED", "SUSPENDED", "COMPLETING"]
        while Date() < deadline {
            let states = try SlurmCluster.run("sacct", ["--noheader", "--parsable2", "--allocations", "--jobs", jobs, "--format", "State"]).output
                .split(separator: "\n")
            if !states.isEmpty && !states.contains(where: live.contains) { break }
            usleep(200_000)
        }
    }

    /// Requeues the running job array element `element` (`<array>_<index>`) in place, as an administrator or a
    /// preemption does: Slurm stops it (SIGTERM) and queues it again. Slurm holds a requeued job about two minutes
    /// before it is eligible again; that is brought forward once the element waits for that time (after its stop).
    static func requeue(_ element: String, until deadline: Date) throws {
        let requeued = try SlurmCluster.run("scontrol", ["requeue", element])
        XCTAssertEqual(requeued.status, 0, requeued.output)
        while try SlurmCluster.run("squeue", ["--noheader", "--array", "--jobs", element, "--format", "%T %r"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines) != "PENDING BeginTime" && Date() < deadline {
            usleep(100_000)
        }
        let brought = try SlurmCluster.run("scontrol", ["update", "jobid=\(element)", "StartTime=now"])
        XCTAssertEqual(brought.status, 0, brought.output)
    }
}
