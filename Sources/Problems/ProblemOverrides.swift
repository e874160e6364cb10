import INR

/// A command line's changes to a problem file's settings, as data (`strainer compare`/`solve`'s `--size`,
/// `--images`, `--iterations`, …): applied to the spec before it is checked, so that a run checks and builds the
/// problem it runs, and only that one (``BuiltProblem``). `nil` keeps the file's setting.
public struct ProblemOverrides: Codable, Equatable, Sendable {
    /// SIZE×SIZE instead of the problem's size; a learned prior prepared at the problem's size follows it.
    public var size: Int?
    /// Only the first K of the problem's dataset images.
    public var images: Int?
    /// Adam steps per fit.
    public var iterations: Int?
    /// Measure PSNR and SSIM every K steps.
    public var evaluateEvery: Int?
    /// When each fit ends.
    public var stop: SolverSettings.Stop?
    /// τ of the discrepancy principle.
    public var discrepancyTarget: Double?
    /// Adam's learning-rate schedule.
    public var schedule: ScheduleSetting?
    /// Training steps of each learned prior.
    public var priorIterations: Int?

    /// No change.
    public init() {}

    /// `spec` with these changes; a `--size` beyond ``SizeLimit/imageSide`` is an error.
    public func applied(to spec: ProblemSpec) throws -> ProblemSpec {
        var changed = spec
        if let size {
            try SizeLimit.imageSide.check(size, subject: "--size")
            changed.size = size
        }
        if let images, case var .dataset(selection) = changed.groundTruth {
            selection.images = selection.images.limited(to: images)
            changed.groundTruth = .dataset(selection)
        }
        if let iterations { changed.solver.iterations = iterations }
        if let evaluateEvery { changed.solver.evaluateEvery = evaluateEvery }
        if let stop { changed.solver.stop = stop }
        if let schedule { changed.solver.schedule = schedule }
        if let discrepancyTarget { changed.solver.discrepancyTarget = discrepancyTarget }
        for index in changed.priors.indices {
            guard case var .trained(recipe) = changed.priors[index].source else { continue }
            if recipe.size == spec.size { recipe.size = changed.size }
            if let priorIterations { recipe.iterations = priorIterations }
            changed.priors[index].source = .trained(recipe)
        }
        return changed
    }
}
