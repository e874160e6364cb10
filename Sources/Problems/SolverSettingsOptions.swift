import Solver

extension SolverSettings {
    /// The solver's options these settings name: Adam at `lr` on its schedule over `iterations` steps, TV weight,
    /// evaluation period and the discrepancy principle's τ and stop.
    public var solverOptions: SolverOptions {
        SolverOptions(iterations: iterations, adam: .init(learningRate: Float(learningRate)), schedule: schedule.schedule(iterations: iterations),
                      evaluateEvery: evaluateEvery, totalVariationWeight: tvWeight, discrepancyTarget: discrepancyTarget,
                      stopsAtDiscrepancy: stop == .discrepancy)
    }
}
