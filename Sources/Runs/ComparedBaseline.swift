import Solver

/// A classical reconstruction, with the name its row carries and a line for the report. `reconstruct` calls its
/// observer with each iterate of an iterative baseline (``Baselines/Reconstructor/reconstruct(_:through:iterates:)``).
public struct ComparedBaseline {
    public var name: String
    public var description: String
    public var reconstruct: (InverseProblem, _ observe: (_ iteration: Int, _ iterate: [Float]) throws -> Void) throws -> [Float]

    public init(name: String, description: String,
                reconstruct: @escaping (InverseProblem, _ observe: (_ iteration: Int, _ iterate: [Float]) throws -> Void) throws -> [Float]) {
        self.name = name
        self.description = description
        self.reconstruct = reconstruct
    }
}
