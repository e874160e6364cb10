import Operators

/// A ``Reconstructor`` that iterates, `x_0 → x_1 → … → x_K`, and can show each iterate as it goes, so that a
/// comparison draws its curve like a solver's. The answer is `x_K`, the last iterate shown: the same with or
/// without an observer.
public protocol IterativeReconstructor: Reconstructor {
    /// The estimate `x_K`; calls `observe(k, x_k)` with the start (`k = 0`) and after each iteration `k = 1 … K`,
    /// the last call with the result itself.
    func reconstruct(_ measurement: [Float], through forward: any LinearOperator,
                     observing observe: (_ iteration: Int, _ iterate: [Float]) throws -> Void) throws -> [Float]
}

extension IterativeReconstructor {
    public func reconstruct(_ measurement: [Float], through forward: any LinearOperator) throws -> [Float] {
        try reconstruct(measurement, through: forward) { _, _ in }
    }
}

extension Reconstructor {
    /// The estimate, calling `observe(k, x_k)` for each iterate when the method is an ``IterativeReconstructor``;
    /// a method that does not iterate gives its estimate alone, without calling `observe`.
    public func reconstruct(_ measurement: [Float], through forward: any LinearOperator,
                            iterates observe: (_ iteration: Int, _ iterate: [Float]) throws -> Void) throws -> [Float] {
        guard let iterative = self as? any IterativeReconstructor else { return try reconstruct(measurement, through: forward) }
        return try iterative.reconstruct(measurement, through: forward, observing: observe)
    }
}
