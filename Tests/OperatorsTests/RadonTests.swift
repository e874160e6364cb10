import XCTest
@testable import Operators

final class RadonTests: XCTestCase {
    func testCentredDiskProjectsToChordLengths() throws {
        let size = 128, radius = 40.0, sub = 8
        let centre = Double(size - 1) / 2
        // Disk indicator, each pixel the covered fraction on an 8×8 sub-grid.
        let disk = (0..<size * size).map { index -> Float in
            var inside = 0
            for a in 0..<sub {
                for b in 0..<sub {
                    let y = Double(index / size) - 0.5 + (Double(a) + 0.5) / Double(sub) - centre
                    let x = Double(index % size) - 0.5 + (Double(b) + 0.5) / Double(sub) - centre
                    if x * x + y * y <= radius * radius { inside += 1 }
                }
            }
            return Float(inside) / Float(sub * sub)
        }
        let radon = try RadonOperator(shape: ImageShape(height: size, width: size), angleCount: 36)
        let sinogram = try radon.apply(disk)
        var worst = 0.0
        for k in 0..<36 {
            for d in 0..<radon.detectors {
                let s = Double(d) - Double(radon.detectors - 1) / 2
                guard abs(s) <= 0.9 * radius else { continue }
                let chord = 2 * (radius * radius - s * s).squareRoot()
                worst = max(worst, abs(Double(sinogram[k * radon.detectors + d]) - chord) / chord)
            }
        }
        print("disk chords: largest relative error \(worst) for |s| ≤ 0.9 r")
        XCTAssertLessThan(worst, 0.02)
    }

    func testSheppLoganProjectionsMatchAnalyticEllipseProjections() throws {
        let size = 256
        let radon = try RadonOperator(shape: ImageShape(height: size, width: size), angleCount: 90)
        let phantom = SheppLogan.image(height: size, width: size)
        let error = relativeError(try radon.apply(phantom), SheppLogan.sinogram(for: radon))
        print("Shepp–Logan: relative L² error of the projections \(error)")
        XCTAssertLessThan(error, 0.02)
    }

    func testDefaultDetectorCountCoversTheDiagonal() throws {
        XCTAssertEqual(try RadonOperator(shape: ImageShape(height: 64, width: 64), angleCount: 3).detectors, 91)  // ⌈64√2⌉
    }

    func testFilteredBackProjectionOfAnalyticProjectionsReconstructsSheppLogan() throws {
        let size = 256
        let radon = try RadonOperator(shape: ImageShape(height: size, width: size), angleCount: 180)
        let sinogram = SheppLogan.sinogram(for: radon)
        let phantom = SheppLogan.image(height: size, width: size)
        for filter in FBPFilter.allCases {
            let reconstruction = try FilteredBackProjection(geometry: radon, filter: filter).reconstruct(sinogram)
            let mse = zip(reconstruction, phantom).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) } / Double(phantom.count)
            let psnr = 10 * log10(1 / mse)
            print("FBP \(filter.rawValue): PSNR \(psnr) dB")
            XCTAssertGreaterThanOrEqual(psnr, 25, "\(filter)")
        }
    }
}
