import Solver

/// One image of a comparison: its name and the inverse problem built from it (ground truth included).
public struct ComparedImage {
    public var name: String
    public var problem: InverseProblem
    /// The same problem with an operator of its own, for a fit running beside others (applying an operator is
    /// not thread-safe: it works in buffers of its own).
    public var separateProblem: () throws -> InverseProblem

    public init(name: String, problem: InverseProblem, separateProblem: @escaping () throws -> InverseProblem) {
        self.name = name
        self.problem = problem
        self.separateProblem = separateProblem
    }
}
