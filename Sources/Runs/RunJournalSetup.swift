import Foundation
import Imaging
import Reporting

extension RunJournal {
    /// The journal of a comparison whose numbers depend on `configuration` and on this build of the suite, under
    /// the results folder `out`, and whether its fits are to be reused (`resume`). With `otherBuild` too, when this
    /// build has no journal of the configuration but another build left one, it is taken over. Says on stderr what
    /// it holds.
    ///
    /// Without `resume`, fits an interrupted run left are not read, only replaced as this run finishes the same
    /// fits — so forgetting `--resume` loses nothing until the new run gets that far.
    public static func opened(problem: String, configuration: String, under out: URL, resume: Bool, otherBuild: Bool = false) throws -> RunJournal {
        let journal = RunJournal(results: out, problem: problem, configuration: configuration, build: executableDigest)
        func say(_ message: String) { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        if resume, journal.finishedCount + journal.unfinishedCount == 0, let other = journal.otherBuilds().first {
            guard otherBuild else {
                say("--resume: the interrupted run of this configuration in \(other.folder.path) was made by another build of strainer "
                    + "(executable \(other.build.prefix(12))…); it is left as it is, and this run starts afresh. Add --resume-other-build "
                    + "to continue it instead (the fits it finished keep that build's bits)")
                return journal
            }
            let taken = describe(finished: other.finishedCount, unfinished: other.unfinishedCount)
            try journal.adopt(other)
            say("--resume-other-build: \(taken) of an interrupted run made by another build of strainer (executable "
                + "\(other.build.prefix(12))…) are taken over into \(journal.folder.path); they keep that build's bits, the rest are this build's")
            return journal
        }
        let kept = journal.finishedCount, unfinished = journal.unfinishedCount
        let left = describe(finished: kept, unfinished: unfinished)
        let message = switch (resume, kept + unfinished) {
        case (true, 0):
            "--resume: no interrupted run of this configuration and build under \(out.path); starting afresh "
                + "(a changed option, prior file or rebuilt suite makes a new run), keeping finished fits in \(journal.folder.path)"
        case (true, _):
            "resuming: \(left) of an interrupted run are reused from \(journal.folder.path)"
        case (false, 0):
            "finished fits are kept in \(journal.folder.path) until the report is written; "
                + "if the run is interrupted, repeat the command with --resume"
        case (false, _):
            "an interrupted run of this configuration left \(left) in \(journal.folder.path); "
                + "they are not reused (repeat the command with --resume for that) and are replaced as this run goes"
        }
        say(message)
        return journal
    }

    /// "3 finished fit(s)", or "3 finished and 1 unfinished fit(s)".
    private static func describe(finished: Int, unfinished: Int) -> String {
        unfinished == 0 ? "\(finished) finished fit(s)" : "\(finished) finished and \(unfinished) unfinished fit(s)"
    }

    /// SHA-256 of the running executable: a rebuilt suite never resumes an older build's fits.
    public static let executableDigest =
        (try? SHA256.hexDigest(ofFileAt: URL(fileURLWithPath: "/proc/self/exe"))) ?? "unknown"
}
