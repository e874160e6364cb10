import XCTest
@testable import Operators

final class MRITests: XCTestCase {
    func testFullMaskIsUnitary() throws {
        let shape = ImageShape(height: 24, width: 30, channels: 2)
        let mri = try MRIOperator(shape: shape, mask: try .full(height: 24, width: 30))
        let x = gaussianSamples(shape.count, seed: 11)
        let y = try mri.apply(x)
        let normX = x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        let normY = y.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        XCTAssertEqual(normY / normX, 1, accuracy: 1e-5)
        XCTAssertLessThan(relativeError(try mri.adjoint(y), x), 1e-5)
    }

    func testCoefficientsEqualTheOrthonormalDFT() throws {
        let (height, width) = (6, 10)
        let mri = try MRIOperator(shape: ImageShape(height: height, width: width), mask: try .full(height: height, width: width))
        let x = gaussianSamples(height * width, seed: 12)
        let y = try mri.apply(x)
        for (k, l) in [(0, 0), (1, 3), (5, 9), (3, 5)] {
            var re = 0.0, im = 0.0
            for i in 0..<height {
                for j in 0..<width {
                    let phase = -2 * Double.pi * (Double(i * k) / Double(height) + Double(j * l) / Double(width))
                    re += Double(x[i * width + j]) * cos(phase)
                    im += Double(x[i * width + j]) * sin(phase)
                }
            }
            let scale = 1 / Double(height * width).squareRoot()
            XCTAssertEqual(Double(y[2 * (k * width + l)]), re * scale, accuracy: 1e-5)
            XCTAssertEqual(Double(y[2 * (k * width + l) + 1]), im * scale, accuracy: 1e-5)
        }
    }

    func testLineMasksSampleTheCentreAndTheRequestedRate() throws {
        let (height, width) = (32, 100)
        let equispaced = try KSpaceMask.equispaced(height: height, width: width, acceleration: 4, centerFraction: 0.08, seed: 0)
        XCTAssertGreaterThanOrEqual(equispaced.sampledFraction, 0.25)
        XCTAssertLessThanOrEqual(equispaced.sampledFraction, 0.25 + 0.08 + 0.01)
        for column in 46..<54 { XCTAssertEqual(equispaced.values[column], 1, "centre column \(column)") }
        var fractions: [Double] = []
        for seed in 0..<40 {
            fractions.append(try KSpaceMask.random(height: height, width: width, acceleration: 4, centerFraction: 0.08,
                                                   seed: UInt64(seed)).sampledFraction)
        }
        XCTAssertEqual(fractions.reduce(0, +) / 40, 0.25, accuracy: 0.02)
        let density = try KSpaceMask.variableDensity(height: 64, width: 64, acceleration: 4, centerFraction: 0.1, seed: 2)
        XCTAssertEqual(density.sampledFraction, 0.25, accuracy: 0.03)
        XCTAssertEqual(density.values[32 * 64 + 32], 1, "DC is in the fully sampled centre")
    }

    func testMaskIsAppliedInCentredOrder() throws {
        // Only the DC column sampled (centre fraction 1/W): a constant image keeps its DC coefficient, at (0, 0).
        let mask = try KSpaceMask.equispaced(height: 8, width: 8, acceleration: 1000, centerFraction: 0.125, seed: 0)
        let mri = try MRIOperator(shape: ImageShape(height: 8, width: 8), mask: mask)
        let y = try mri.apply([Float](repeating: 1, count: 64))
        XCTAssertEqual(y[0], 8, accuracy: 1e-5)
    }
}
