/// What preparing a run does with a learned prior its problem names that is not trained yet.
public enum UntrainedPriors {
    /// Trains it there and then, in the preparing process (a local run: `--executor local`).
    case trainHere
    /// Leaves it to the run's training task (a run handed to Slurm, and every task of it): the prior stands as an
    /// ``UntrainedPrior`` until then.
    case leftToTheirTasks
}
