import Foundation
@testable import Operators

/// Seeded standard-normal samples.
func gaussianSamples(_ count: Int, seed: UInt64) -> [Float] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Float(generator.nextGaussian()) }
}

/// `‖a − b‖ / ‖b‖` in Double.
func relativeError(_ a: [Float], _ b: [Float]) -> Double {
    let difference = zip(a, b).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
    let reference = b.reduce(0.0) { $0 + Double($1) * Double($1) }
    return (difference / reference).squareRoot()
}

/// The package root (holding `Datasets/`), found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A registry specification.
func spec(_ name: String, _ parameters: [String: ParameterValue] = [:]) -> ParameterMap {
    parameters.merging(["name": .string(name)]) { $1 }
}

/// The error message thrown by `body`, or nil.
func errorMessage(_ body: () throws -> Any) -> String? {
    do { _ = try body(); return nil } catch { return "\(error)" }
}
