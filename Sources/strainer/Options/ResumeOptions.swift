import ArgumentParser
import Foundation
import Runs

/// `--resume`, `--resume-other-build` and `--checkpoint-seconds`: how a comparison keeps its work while it runs and
/// takes it up again after an interruption.
struct ResumeOptions: ParsableArguments {
    @Flag(help: "Continue an interrupted run of this same configuration: reuse the fits it finished, continue the ones it left unfinished (kept under <out>/.journal/), and the training of a learned prior it was making (<prior>.checkpoint).")
    var resume = false

    @Flag(help: "As --resume, and when the interrupted run was made by another build of strainer (the suite was rebuilt since), continue it all the same: the fits it finished keep that build's bits.")
    var resumeOtherBuild = false

    @Option(help: ArgumentHelp(
        "Keep each running fit's state (network, optimiser, curve so far) in the journal at most this often, so that --resume continues an interrupted fit from there, to the same bits (0: after every step). Ctrl-C or SIGTERM also keeps it.",
        valueName: "seconds"))
    var checkpointSeconds: Double = 60

    /// What these options ask for (either flag takes kept work up).
    var resumption: Resumption {
        Resumption(resumes: resume || resumeOtherBuild, otherBuild: resumeOtherBuild, checkpointSeconds: checkpointSeconds)
    }

    func validate() throws {
        guard checkpointSeconds >= 0, checkpointSeconds.isFinite else {
            throw ValidationError("--checkpoint-seconds is \(checkpointSeconds); expected a number of seconds ≥ 0")
        }
    }
}
