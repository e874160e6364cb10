import Foundation
import Priors

/// A learned prior a problem's run trains itself (a recipe of its problem file): the file it is kept in
/// (`<out>/priors/…`, reused by later runs) and what to train. The run's plan gives it a task of its own
/// (``RunPlan/Task/train(prior:file:)``), which the fits from it follow.
public struct PriorTrainingTask {
    /// The prior's label in the run (its rows and curves).
    public var label: String
    public var file: URL
    public var request: PriorSupply.Request

    public init(label: String, file: URL, request: PriorSupply.Request) {
        self.label = label
        self.file = file
        self.request = request
    }

    /// The prior its file already holds, when it is this one (same kind, images, size, network, steps, seed,
    /// settings); `nil` while it is still to be trained.
    public var trained: PriorFile? {
        PriorSupply.existing(request, at: file)
    }

    /// Trains the prior into its file, continuing from its checkpoint when an earlier attempt kept one (the state
    /// is kept at most `checkpointSeconds` old, and when a signal stops the training); reuses the file when it
    /// already holds the prior. `reused` tells which happened.
    public func train(checkpointSeconds: Double) throws -> (file: PriorFile, reused: Bool) {
        try PriorSupply.obtain(request, at: file, reuse: true, resume: true, checkpointSeconds: checkpointSeconds)
    }
}
