import Foundation
import INR
import Priors

/// A learned prior of a run prepared before its training task has run (``UntrainedPriors/leftToTheirTasks``):
/// it names the file it will be read from, and a fit asked to start from it is refused, saying which task comes first.
struct UntrainedPrior: Prior {
    let name: String
    let file: URL

    func initialization(for architecture: Architecture, seed: UInt64) throws -> Initialization {
        throw RunError("the \(name) prior is not trained yet (\(file.path) does not hold it); expected its training task, "
                       + "which the fits from it follow, to have finished first (`strainer status` names it)")
    }
}
