import Foundation
import SeededRandom

/// The result of ``checkLinearOperator(_:name:seed:trials:tolerance:)`` on one operator.
public struct ConformanceReport: Codable, Sendable {
    /// The configuration's name.
    public let name: String
    /// The operator's own description.
    public let operatorDescription: String
    public let inputShape: ImageShape
    public let outputShape: ImageShape
    /// Largest over the trials of `|⟨Ax, y⟩ − ⟨x, Aᵀy⟩| / max(‖Ax‖‖y‖, ‖x‖‖Aᵀy‖)`.
    public let relativeAdjointError: Double
    /// Least-squares slope `c` of `⟨x, Aᵀy⟩ ≈ c·⟨Ax, y⟩` over the trials: 1 for a correct adjoint, `c` for an
    /// adjoint scaled by `c`; a wrong adjoint shows a large ``relativeAdjointError`` with any slope.
    public let adjointScale: Double
    /// `‖A(αx + βz) − αAx − βAz‖ / (|α|‖Ax‖ + |β|‖Az‖)`.
    public let linearityError: Double
    /// `‖normal(x) − Aᵀ(Ax)‖ / ‖Aᵀ(Ax)‖`.
    public let normalError: Double
    /// ``LinearOperator/estimateNorm(iterations:seed:)``.
    public let operatorNorm: Double
    /// One line per failed check; empty when the operator passed.
    public let failures: [String]
    public let passed: Bool
}

/// Tolerances of ``checkLinearOperator(_:name:seed:trials:tolerance:)`` besides the adjoint's.
public enum ConformanceTolerance {
    /// Linearity and `normal` against `Aᵀ(Ax)`: float32 FFT round-off, well below any real defect.
    public static let consistency = 1e-4
    /// Slack on `‖Ax‖/‖x‖ ≤ ‖A‖` for the power-iteration estimate (a lower bound).
    public static let normSlack = 1.05
}

/// The conformance battery for a ``LinearOperator`` (after ODL's `OperatorTest`, scico's `valid_adjoint` and
/// swift-collections' `checkCollection`), on seeded Gaussian vectors, every sum in `Double`:
///
/// - shapes: non-empty, even channel count for complex outputs; `apply` and `adjoint` write every output sample
///   (outputs are pre-filled with NaN) and produce finite values; `A x` is bit-for-bit the same when computed
///   again after other calls (no state leaks between calls through scratch buffers);
/// - adjoint: relative error ≤ `tolerance` on each of `trials` pairs `(x, y)`, plus the fitted scale;
/// - linearity, `normal` consistency (≤ ``ConformanceTolerance/consistency``);
/// - the norm estimate is finite and bounds `‖Ax‖/‖x‖` (with ``ConformanceTolerance/normSlack``).
public func checkLinearOperator(_ op: any LinearOperator, name: String, seed: UInt64 = 0, trials: Int = 3,
                                tolerance: Double = 1e-5) -> ConformanceReport {
    var failures: [String] = []
    let n = op.inputShape.count, m = op.outputShape.count
    if n == 0 || m == 0 { failures.append("empty shape \(op.inputShape) → \(op.outputShape)") }
    if op.outputIsComplex && op.outputShape.channels % 2 != 0 {
        failures.append("complex output with an odd channel count \(op.outputShape.channels)")
    }
    var generator = RandomSource(seed: seed)
    func random(_ count: Int) -> [Float] { (0..<count).map { _ in Float(generator.standardNormal()) } }
    func run(_ body: (UnsafeMutableBufferPointer<Float>) -> Void, count: Int, what: String) -> [Float] {
        var out = [Float](repeating: .nan, count: count)
        out.withUnsafeMutableBufferPointer { body($0) }
        let bad = out.filter { !$0.isFinite }.count
        if bad > 0 { failures.append("\(what) left \(bad) of \(count) samples unwritten or non-finite") }
        return out
    }
    func forward(_ x: [Float]) -> [Float] {
        run({ out in x.withUnsafeBufferPointer { op.apply($0, into: out) } }, count: m, what: "apply")
    }
    func backward(_ y: [Float]) -> [Float] {
        run({ out in y.withUnsafeBufferPointer { op.adjoint($0, into: out) } }, count: n, what: "adjoint")
    }
    func norm(_ u: [Float]) -> Double { squaredNorm(u).squareRoot() }

    var worstAdjoint = 0.0, slopeNumerator = 0.0, slopeDenominator = 0.0
    var firstPair: (x: [Float], ax: [Float])?
    for _ in 0..<max(1, trials) {
        let x = random(n), y = random(m)
        let ax = forward(x), aty = backward(y)
        if firstPair == nil { firstPair = (x, ax) }
        let lhs = dot(ax, y), rhs = dot(x, aty)
        let scale = max(norm(ax) * norm(y), norm(x) * norm(aty), .leastNormalMagnitude)
        worstAdjoint = max(worstAdjoint, abs(lhs - rhs) / scale)
        slopeNumerator += lhs * rhs
        slopeDenominator += lhs * lhs
    }
    let adjointScale = slopeDenominator > 0 ? slopeNumerator / slopeDenominator : .nan
    if !(worstAdjoint <= tolerance) {
        failures.append(String(format: "adjoint: relative error %.3g > %.1g (fitted scale %.6g)", worstAdjoint, tolerance, adjointScale))
    }

    if let firstPair, forward(firstPair.x).map(\.bitPattern) != firstPair.ax.map(\.bitPattern) {
        failures.append("apply is not repeatable: A x changed after other calls (state left in scratch buffers?)")
    }

    let x = random(n), z = random(n), alpha: Float = 0.7, beta: Float = -1.3
    let ax = forward(x), az = forward(z)
    let combined = forward(zip(x, z).map { alpha * $0 + beta * $1 })
    let linearityResidual = (0..<m).map { combined[$0] - (alpha * ax[$0] + beta * az[$0]) }
    let linearityError = norm(linearityResidual) / max(Double(abs(alpha)) * norm(ax) + Double(abs(beta)) * norm(az), .leastNormalMagnitude)
    if !(linearityError <= ConformanceTolerance.consistency) {
        failures.append(String(format: "linearity: relative error %.3g", linearityError))
    }

    let reference = backward(ax)
    let normal = run({ out in x.withUnsafeBufferPointer { op.normal($0, into: out) } }, count: n, what: "normal")
    let normalError = norm(zip(normal, reference).map { $0 - $1 }) / max(norm(reference), .leastNormalMagnitude)
    if !(normalError <= ConformanceTolerance.consistency) {
        failures.append(String(format: "normal: differs from Aᵀ(Ax) by %.3g (relative)", normalError))
    }

    let operatorNorm = op.estimateNorm(iterations: 20, seed: seed)
    let gain = norm(ax) / max(norm(x), .leastNormalMagnitude)
    if !(operatorNorm.isFinite && gain <= ConformanceTolerance.normSlack * operatorNorm) {
        failures.append(String(format: "norm: estimate %.6g is not finite or below ‖Ax‖/‖x‖ = %.6g", operatorNorm, gain))
    }

    return ConformanceReport(
        name: name, operatorDescription: op.description, inputShape: op.inputShape, outputShape: op.outputShape,
        relativeAdjointError: worstAdjoint, adjointScale: adjointScale, linearityError: linearityError,
        normalError: normalError, operatorNorm: operatorNorm, failures: failures, passed: failures.isEmpty)
}
