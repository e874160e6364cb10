import Foundation
import SeededRandom

/// Seeded standard-normal samples (test inputs for operators and solvers).
public func gaussianSamples(_ count: Int, seed: UInt64) -> [Float] {
    var generator = RandomSource(seed: seed)
    return (0..<count).map { _ in Float(generator.standardNormal()) }
}

/// `‖a − b‖ / ‖b‖` in Double.
public func relativeError(_ a: [Float], _ b: [Float]) -> Double {
    let difference = zip(a, b).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
    let reference = b.reduce(0.0) { $0 + Double($1) * Double($1) }
    return (difference / reference).squareRoot()
}

/// max |a − b| / max(max |b|, floor): the largest error of `a` relative to the scale of the reference `b`.
public func relativeMaxError(_ a: [Float], _ b: [Double], floor: Double = 1e-12) -> Double {
    let scale = max(b.map(abs).max() ?? 0, floor)
    return (zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0) / scale
}

/// ``relativeMaxError(_:_:floor:)`` against a `Float` reference.
public func relativeMaxError(_ a: [Float], _ b: [Float], floor: Double = 1e-12) -> Double {
    relativeMaxError(a, b.map(Double.init), floor: floor)
}
