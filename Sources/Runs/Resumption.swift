import Foundation
import Reporting

/// How a comparison keeps its work while it runs and takes it up again after an interruption (`--resume`,
/// `--resume-other-build`, `--checkpoint-seconds`).
public struct Resumption {
    /// Whether the work an interrupted run of the same configuration kept is taken up.
    public var resumes = false
    /// Whether, too, the work of an interrupted run made by another build of strainer is taken over.
    public var otherBuild = false
    /// A running fit keeps its state in the journal at most this many seconds old.
    public var checkpointSeconds = 60.0

    public init(resumes: Bool = false, otherBuild: Bool = false, checkpointSeconds: Double = 60) {
        self.resumes = resumes
        self.otherBuild = otherBuild
        self.checkpointSeconds = checkpointSeconds
    }

    /// The journal of a run of `problem` with this `configuration` under `out`, opened as this resumption says.
    public func journal(problem: String, configuration: String, under out: URL) throws -> RunJournal {
        try RunJournal.opened(problem: problem, configuration: configuration, under: out, resume: resumes, otherBuild: otherBuild)
    }
}
