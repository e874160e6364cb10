import INR

/// A `fitted` prior trains as an ``INR/ImageFit`` of the first training image.
extension ImageFit: PriorTrainer {
    var content: PriorFile.Content { .network(network) }

    func trainingStep(measure: Bool) throws -> (loss: Double, psnrs: [Double]?) {
        let loss = try step()
        return (loss, measure ? [try self.measure().psnr] : nil)
    }

    /// Part `network`.
    var trainingState: TrainingState {
        let (parameters, adam) = state
        return TrainingState(iteration: iteration, parts: ["network": .init(parameters: parameters, adam: adam)])
    }

    func restore(_ state: TrainingState) throws {
        let part = try state.part("network", count: network.layout.count, of: "a fitted network")
        try restore(parameters: part.parameters, adam: part.adam)
    }
}
