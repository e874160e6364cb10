import XCTest
@testable import Operators

final class ConformanceTests: XCTestCase {
    func testEveryRegisteredConfigurationPasses() {
        let reports = ConformanceSuite.run(datasetsRoot: repositoryRoot)
        XCTAssertGreaterThanOrEqual(reports.count, 36, "28 configurations plus the 8 Levin kernels")
        for report in reports {
            XCTAssertTrue(report.passed, "\(report.name): \(report.failures.joined(separator: "; "))")
            XCTAssertLessThanOrEqual(report.relativeAdjointError, 1e-5, report.name)
            XCTAssertEqual(report.adjointScale, 1, accuracy: 1e-4, report.name)
        }
        // Every registered operator appears in the battery.
        let described = reports.map(\.operatorDescription).joined(separator: " ")
        for name in operatorRegistry.names { XCTAssertTrue(described.contains(name + "("), "\(name) is not in the battery") }
    }

    func testKnownNorms() throws {
        let shape = ImageShape(height: 32, width: 32)
        XCTAssertEqual(IdentityOperator(shape: shape).estimateNorm(), 1, accuracy: 1e-6)
        // A nonnegative kernel summing to 1 has ‖A‖ = |K̂(0)| = 1 under circular boundary. The next singular value,
        // (1 + 2 cos(2π/32))/3 ≈ 0.987, makes power iteration slow: 400 iterations, not a lucky start.
        XCTAssertEqual(try BlurOperator(shape: shape, kernel: .box(size: 3), boundary: .circular).estimateNorm(iterations: 400), 1, accuracy: 1e-3)
        XCTAssertEqual(try MRIOperator(shape: shape, mask: try .full(height: 32, width: 32)).estimateNorm(), 1, accuracy: 1e-5)
        XCTAssertEqual(ScaledOperator(3, IdentityOperator(shape: shape)).estimateNorm(), 3, accuracy: 1e-5)
    }

    /// An operator whose adjoint is deliberately wrong: `scale · (true adjoint)`, or the forward map itself
    /// (convolution instead of correlation), or one that forgets to write its output.
    private final class Broken: LinearOperator {
        enum Defect { case scaledAdjoint(Float), adjointIsForward, unwrittenOutput, stateLeaksIntoApply }
        let base: BlurOperator
        let defect: Defect
        private var lastAdjointSample: Float = 0
        init(_ defect: Defect) throws {
            // An asymmetric kernel, so that convolution and correlation differ.
            let kernel = try BlurKernel(height: 4, width: 3, weights: (1...12).map { Float($0 * $0) })
            base = try BlurOperator(shape: ImageShape(height: 16, width: 16), kernel: kernel, boundary: .zero)
            self.defect = defect
        }
        var inputShape: ImageShape { base.inputShape }
        var outputShape: ImageShape { base.outputShape }
        var description: String { "broken" }
        func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
            if case .unwrittenOutput = defect {
                var full = [Float](repeating: 0, count: y.count)
                full.withUnsafeMutableBufferPointer { base.apply(x, into: $0) }
                for i in 0..<y.count - 1 { y[i] = full[i] }
            } else {
                base.apply(x, into: y)
            }
            if case .stateLeaksIntoApply = defect { y[0] += lastAdjointSample }
        }
        func adjoint(_ y: UnsafeBufferPointer<Float>, into x: UnsafeMutableBufferPointer<Float>) {
            switch defect {
            case let .scaledAdjoint(scale):
                base.adjoint(y, into: x)
                for i in x.indices { x[i] *= scale }
            case .adjointIsForward: base.apply(y, into: x)
            case .unwrittenOutput, .stateLeaksIntoApply:
                base.adjoint(y, into: x)
                lastAdjointSample = x[0]
            }
        }
    }

    func testCheckerRejectsDefectiveOperators() throws {
        let scaled = checkLinearOperator(try Broken(.scaledAdjoint(2)), name: "scaled")
        XCTAssertFalse(scaled.passed)
        XCTAssertEqual(scaled.adjointScale, 2, accuracy: 1e-4, "the fitted scale exposes a scaled adjoint")

        let wrong = checkLinearOperator(try Broken(.adjointIsForward), name: "wrong")
        XCTAssertFalse(wrong.passed)
        XCTAssertGreaterThan(wrong.relativeAdjointError, 1e-3)

        let lazy = checkLinearOperator(try Broken(.unwrittenOutput), name: "lazy")
        XCTAssertFalse(lazy.passed)
        XCTAssertTrue(lazy.failures.contains { $0.contains("apply left 1 of 256 samples unwritten") }, "\(lazy.failures)")

        let leaky = checkLinearOperator(try Broken(.stateLeaksIntoApply), name: "leaky")
        XCTAssertTrue(leaky.failures.contains { $0.contains("apply is not repeatable") }, "\(leaky.failures)")
    }

    func testCompositionShapesAndErrors() throws {
        let a = try DownsampleOperator(shape: ImageShape(height: 16, width: 16), factor: 2, filter: .box)
        let composed = try ComposedOperator(a, IdentityOperator(shape: ImageShape(height: 16, width: 16)))
        XCTAssertEqual(composed.outputShape, ImageShape(height: 8, width: 8))
        XCTAssertNotNil(errorMessage { try ComposedOperator(IdentityOperator(shape: ImageShape(height: 4, width: 4)), a) })
        XCTAssertNotNil(errorMessage { try SumOperator(a, IdentityOperator(shape: ImageShape(height: 16, width: 16))) })
        let stacked = try StackedOperator([a, IdentityOperator(shape: ImageShape(height: 16, width: 16))])
        XCTAssertEqual(stacked.outputShape.count, 64 + 256)
        XCTAssertEqual(stacked.offsets, [0, 64, 320])
    }

    func testArrayEntryPointsRejectWrongSizes() {
        let blur = IdentityOperator(shape: ImageShape(height: 4, width: 4))
        XCTAssertEqual(errorMessage { try blur.apply([Float](repeating: 0, count: 15)) },
                       "identity(4×4×1) input: expected shape 4×4×1 (16 samples), got 15 samples")
    }
}
