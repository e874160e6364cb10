/// The end of every fitting step, whatever the objective (``ImageFit``, the solver's inverse problems): the leading
/// frozen parameters get no update, the schedule sets step t's learning rate, Adam moves θ.
extension Adam {
    /// Step `iteration` (1-based, Adam's t) of `network` down `gradient`: the first `frozenParameterCount` entries
    /// of the gradient are zeroed first (their moments then stay zero, so their update is exactly zero), and the
    /// rate is `schedule`'s for that step from the configuration's base rate.
    public func step(_ network: inout Network, gradient: inout [Float], iteration: Int, frozenParameterCount: Int,
                     schedule: LearningRateSchedule) throws {
        for i in 0..<frozenParameterCount { gradient[i] = 0 }
        let rate = schedule.rate(base: configuration.learningRate, iteration: iteration)
        try update(parameters: &network.parameters, gradient: gradient, learningRate: rate)
    }
}

extension Network {
    /// What to change when a fit's loss stops being finite at learning rate `learningRate`: the rate, and for a
    /// SIREN its ω₀ (a large ω₀ makes the first layer's gradients large).
    public func nonFiniteLossHint(learningRate: Float) -> String {
        var hint = "lower the learning rate (now \(learningRate))"
        if case let .siren(omegaFirst, omegaHidden) = architecture.family {
            hint += " or ω0 (now \(omegaFirst), \(omegaHidden))"
        }
        return hint
    }
}
