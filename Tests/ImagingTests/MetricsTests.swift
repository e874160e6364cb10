import Foundation
import Imaging
import XCTest

/// PSNR and SSIM against scikit-image 0.26.0 (fixtures) and closed forms.
final class MetricsTests: XCTestCase {
    /// The degradations of `metrics.json`, rebuilt from its definitions (in `Double`, as scikit-image did).
    private func degrade(_ x: Image, _ degradation: String) throws -> Image {
        switch degradation {
        case "perturb":
            let weights: [Double] = x.channels == 1 ? [1] : [1, -0.5, 0.25]
            return TestSupport.image(height: x.height, width: x.width, channels: x.channels) { i, j, c in
                let value = Double(x[i, j, c]) + 0.1 * sin(0.3 * Double(i)) * cos(0.2 * Double(j)) * weights[c]
                return Float(min(max(value, 0), 1))
            }
        case "shift":
            return TestSupport.image(height: x.height, width: x.width, channels: x.channels) { i, j, c in
                x[i, (j - 1 + x.width) % x.width, c]
            }
        default:
            throw XCTSkip("unknown degradation \(degradation)")
        }
    }

    func testSharedReferenceValuesRebuiltFromTheBundledImages() throws {
        struct Reference: Decodable {
            struct Case: Decodable { let image, degradation: String; let psnr, ssim: Double }
            let cases: [Case]
        }
        let data = try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("metrics.json"))
        let reference = try JSONDecoder().decode(Reference.self, from: data)
        XCTAssertEqual(reference.cases.count, 6)
        for item in reference.cases {
            let x = try ImageFile.read(TestSupport.repositoryRoot.appendingPathComponent("Datasets").appendingPathComponent(item.image))
            let y = try degrade(x, item.degradation)
            let label = "\(item.image) \(item.degradation)"
            XCTAssertEqual(try ImageMetrics.psnr(x, y), item.psnr, accuracy: 1e-4, label)
            XCTAssertEqual(try ImageMetrics.ssim(x, y), item.ssim, accuracy: 1e-4, label)
        }
    }

    func testIndependentPairsMatchScikitImage() throws {
        struct Reference: Decodable {
            struct Case: Decodable { let reference, test: String; let psnr, ssim: Double }
            let cases: [Case]
        }
        let fixtures = try TestSupport.fixtures
        let data = try Data(contentsOf: fixtures.appendingPathComponent("metrics_independent.json"))
        for item in try JSONDecoder().decode(Reference.self, from: data).cases {
            let x = try ImageFile.read(fixtures.appendingPathComponent(item.reference))
            let y = try ImageFile.read(fixtures.appendingPathComponent(item.test))
            XCTAssertEqual(try ImageMetrics.psnr(x, y), item.psnr, accuracy: 1e-4, item.test)
            XCTAssertEqual(try ImageMetrics.ssim(x, y), item.ssim, accuracy: 1e-4, item.test)
        }
    }

    func testClosedForms() throws {
        let zero = Image(height: 12, width: 13, channels: 3, repeating: 0)
        let tenth = Image(height: 12, width: 13, channels: 3, repeating: 0.1)
        // MSE = 0.01 → PSNR = 10 log10(1 / 0.01) = 20 dB; with data range 2, 20 + 20 log10 2.
        XCTAssertEqual(try ImageMetrics.psnr(zero, tenth), 20, accuracy: 1e-5)
        XCTAssertEqual(try ImageMetrics.psnr(zero, tenth, dataRange: 2), 20 + 20 * log10(2), accuracy: 1e-5)
        XCTAssertEqual(try ImageMetrics.psnr(tenth, tenth), .infinity)
        XCTAssertEqual(try ImageMetrics.ssim(tenth, tenth), 1, accuracy: 1e-12)
        // Constant images: σ terms vanish, SSIM = (2 μx μy + C1) / (μx² + μy² + C1) with C1 = 1e-4.
        XCTAssertEqual(try ImageMetrics.ssim(zero, tenth), 1e-4 / (0.01 + 1e-4), accuracy: 1e-6)
    }

    func testShapeErrors() throws {
        let a = Image(height: 12, width: 12, channels: 1), b = Image(height: 12, width: 12, channels: 3)
        TestSupport.assertImagingError(.shapeMismatch, mentioning: ["12×12×1", "12×12×3"]) { try ImageMetrics.psnr(a, b) }
        TestSupport.assertImagingError(.shapeMismatch, mentioning: ["12×12×1", "12×12×3"]) { try ImageMetrics.ssim(a, b) }
        let small = Image(height: 10, width: 30, channels: 1)
        TestSupport.assertImagingError(.shapeMismatch, mentioning: ["11×11", "10×30×1"]) { try ImageMetrics.ssim(small, small) }
        let empty = Image(height: 0, width: 3, channels: 1)
        TestSupport.assertImagingError(.emptyImage, mentioning: ["0×3×1"]) { try ImageMetrics.psnr(empty, empty) }
    }
}
