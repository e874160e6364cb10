/// What a comparison command asked for: a problem's run (`compare`, `solve`) or a dataset split fitted from each
/// prior (`compare-priors`).
public enum RunRequest: Codable, Equatable {
    /// A problem with the command line's changes; with its baselines or not, and only its first `priorLimit` priors.
    case problem(ProblemRunRequest, withBaselines: Bool, priorLimit: Int?)
    case priorComparison(PriorComparisonRequest)

    /// The results folder (the run folder, the journal and trained priors go under it).
    public var out: String {
        switch self {
        case let .problem(request, _, _): request.out
        case let .priorComparison(request): request.out
        }
    }

    /// The run resolved: images, priors (learned ones reused, or trained or left to their tasks as `untrained`
    /// says), baselines, settings.
    public func prepare(untrained: UntrainedPriors = .trainHere) throws -> PreparedRun {
        switch self {
        case let .problem(request, withBaselines, priorLimit):
            try request.prepare(withBaselines: withBaselines, priorLimit: priorLimit, untrained: untrained)
        case let .priorComparison(request): try request.prepare(untrained: untrained)
        }
    }
}
