import Foundation
import Imaging
import Reporting

extension RunJournal {
    /// The journal of a comparison whose numbers depend on `configuration` and on this build of the suite, under
    /// the results folder `out`, and whether its fits are to be reused (`resume`). Says on stderr what it holds.
    ///
    /// Without `resume`, fits an interrupted run left are not read, only replaced as this run finishes the same
    /// fits — so forgetting `--resume` loses nothing until the new run gets that far.
    static func opened(problem: String, configuration: String, under out: URL, resume: Bool) -> RunJournal {
        let journal = RunJournal(results: out, problem: problem,
                                 identity: configuration + "\nexecutable_sha256: \(executableDigest)\n")
        let kept = journal.finishedCount, unfinished = journal.unfinishedCount
        let left = unfinished == 0 ? "\(kept) finished fit(s)" : "\(kept) finished and \(unfinished) unfinished fit(s)"
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
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return journal
    }

    /// SHA-256 of the running executable: a rebuilt suite never resumes an older build's fits.
    private static let executableDigest =
        (try? SHA256.hexDigest(ofFileAt: URL(fileURLWithPath: "/proc/self/exe"))) ?? "unknown"
}
