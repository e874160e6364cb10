import XCTest
@testable import Baselines
import Operators

/// `adjoint` and `cg` against closed forms and a dense solve in Double.
final class LinearBaselinesTests: XCTestCase {
    func testAdjointOfInpaintingIsTheMaskedMeasurement() throws {
        let shape = ImageShape(height: 8, width: 12, channels: 3)
        let forward = try operatorRegistry.make(spec("inpaint", ["mask": .string("block"), "block_height": .number(4), "block_width": .number(6)]),
                                                context: BuildContext(shape: shape))
        let y = gaussianSamples(shape.count, seed: 1)
        let x = try AdjointBaseline().reconstruct(y, through: forward)
        for i in 0..<8 {
            for j in 0..<12 {
                let missing = (2..<6).contains(i) && (3..<9).contains(j)   // the centred 4×6 block
                for c in 0..<3 {
                    let s = (i * 12 + j) * 3 + c
                    XCTAssertEqual(x[s], missing ? 0 : y[s], "(\(i), \(j), \(c))")
                }
            }
        }
    }

    func testCGWithIdentityIsTheShrunkMeasurement() throws {
        let shape = ImageShape(height: 9, width: 7, channels: 3)
        let y = gaussianSamples(shape.count, seed: 2)
        let x = try ConjugateGradientBaseline(lambda: 0.25).reconstruct(y, through: IdentityOperator(shape: shape))
        XCTAssertLessThan(relativeError(x, y.map { $0 / 1.25 }), 1e-6)
    }

    /// CG against the normal equations `(MᵀM + λI) z = Mᵀy` solved by Gaussian elimination in Double, for an
    /// over- and an underdetermined (rank-deficient `MᵀM`) random matrix.
    func testCGSolvesTheRegularisedNormalEquations() throws {
        for (rows, columns, lambda, seed) in [(14, 9, 0.1, UInt64(3)), (6, 11, 0.05, UInt64(4))] {
            let entries = gaussianSamples(rows * columns, seed: seed)
            let y = gaussianSamples(rows, seed: seed + 10)
            let m = { (i: Int, j: Int) in Double(entries[i * columns + j]) }
            let normal = (0..<columns).map { j in
                (0..<columns).map { k in (0..<rows).reduce(0.0) { $0 + m($1, j) * m($1, k) } + (j == k ? lambda : 0) }
            }
            let rightHandSide = (0..<columns).map { j in (0..<rows).reduce(0.0) { $0 + m($1, j) * Double(y[$1]) } }
            let reference = solveLinearSystem(normal, rightHandSide).map(Float.init)
            let forward = MatrixOperator(rows: rows, columns: columns, entries: entries)
            let x = try ConjugateGradientBaseline(lambda: lambda, iterations: 200, tolerance: 1e-7).reconstruct(y, through: forward)
            XCTAssertLessThan(relativeError(x, reference), 1e-4, "\(rows)×\(columns)")
        }
    }

    /// Inpainting: `AᵀA + λI` is diagonal, `1 + λ` on observed pixels and `λ` elsewhere, so `x̂ = y/(1 + λ)` where
    /// observed and 0 where not.
    func testCGOnInpaintingShrinksObservedPixelsAndZeroesTheRest() throws {
        let shape = ImageShape(height: 16, width: 16)
        let forward = try operatorRegistry.make(spec("inpaint", ["mask": .string("random"), "fraction": .number(0.4), "seed": .number(5)]),
                                                context: BuildContext(shape: shape))
        let mask = try forward.apply([Float](repeating: 1, count: shape.count))
        XCTAssertTrue(mask.contains(0) && mask.contains(1))
        let y = try forward.apply(gaussianSamples(shape.count, seed: 6))
        let x = try ConjugateGradientBaseline(lambda: 0.1).reconstruct(y, through: forward)
        for s in 0..<shape.count {
            XCTAssertEqual(x[s], mask[s] == 1 ? y[s] / 1.1 : 0, accuracy: 1e-6)
        }
    }

    /// A complex-output operator: undersampled MRI. The result satisfies the normal equations (checked through
    /// the operator's forward map, not CG's recurrences) and, fully sampled with λ = 0, is the image itself.
    func testCGOnMRI() throws {
        let shape = ImageShape(height: 16, width: 12)
        let x = gaussianSamples(shape.count, seed: 7)
        let full = try operatorRegistry.make(spec("mri", ["mask": .string("full")]), context: BuildContext(shape: shape))
        XCTAssertLessThan(relativeError(try ConjugateGradientBaseline(lambda: 0).reconstruct(try full.apply(x), through: full), x), 1e-5)

        let sampled = try operatorRegistry.make(spec("mri", ["acceleration": .number(3), "seed": .number(2)]), context: BuildContext(shape: shape))
        let y = try sampled.apply(x)
        let lambda: Float = 0.01
        let estimate = try ConjugateGradientBaseline(lambda: Double(lambda), iterations: 300, tolerance: 1e-7).reconstruct(y, through: sampled)
        let left = zip(try sampled.normal(estimate), estimate).map { $0 + lambda * $1 }
        XCTAssertLessThan(relativeError(left, try sampled.adjoint(y)), 1e-4)
    }
}
