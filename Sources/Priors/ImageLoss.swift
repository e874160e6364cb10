import INR

extension Network {
    /// L = (1/(N·C)) ‖f_θ(X) − Y‖² on the full batch and its gradient dL/dθ written into `gradient`; returns L.
    /// Targets Y are N × C in [−1, 1]. A non-finite loss is an error naming `context` and a hint.
    func meanSquaredErrorGradient(coordinates: Matrix, target: Matrix, workspace: Workspace,
                                  into gradient: inout [Float], context: String) throws -> Double {
        let count = target.values.count
        let sum = try target.values.withUnsafeBufferPointer { t in
            try self.gradient(coordinates, workspace: workspace, into: &gradient) { rows, output in
                MeanSquaredError.lossGradient(output: output, target: t.baseAddress! + rows.lowerBound * target.columns,
                                              totalCount: count, workspace: workspace)
            }
        }
        let loss = sum / Double(count)
        guard loss.isFinite else {
            throw PriorError(context, "the loss became \(loss.lossDescription); lower the learning rate or ω0")
        }
        return loss
    }
}
