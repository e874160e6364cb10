import Foundation
import Imaging
import XCTest

/// Crops, resizes and colour conversions against closed forms and Pillow.
final class GeometryTests: XCTestCase {
    /// Sample (i, j, c) = 100 i + 10 j + c: every sample says where it came from.
    private func labelled(height: Int, width: Int, channels: Int) -> Image {
        TestSupport.image(height: height, width: width, channels: channels) { i, j, c in Float(100 * i + 10 * j + c) }
    }

    func testCenterCropTakesTheMiddleWithTheOddRemainderOffTheBottomRight() throws {
        let image = labelled(height: 5, width: 8, channels: 2)
        let crop = try image.centerCropped(height: 2, width: 3)
        // rows (5 − 2) / 2 = 1 …, columns (8 − 3) / 2 = 2 …
        XCTAssertEqual(crop, TestSupport.image(height: 2, width: 3, channels: 2) { i, j, c in Float(100 * (i + 1) + 10 * (j + 2) + c) })
        let square = try image.centerCroppedToSquare()
        XCTAssertEqual(square, TestSupport.image(height: 5, width: 5, channels: 2) { i, j, c in Float(100 * i + 10 * (j + 1) + c) })
        XCTAssertEqual(try image.centerCropped(height: 5, width: 8), image)
        TestSupport.assertImagingError(.invalidArgument, mentioning: ["6×3", "5×8×2", "expected 1…5 rows"]) {
            try image.centerCropped(height: 6, width: 3)
        }
    }

    func testAreaAverageIsTheBlockMeanForIntegerFactors() throws {
        let image = TestSupport.image(height: 6, width: 9, channels: 3) { i, j, c in Float((i * 37 + j * 11 + c * 5) % 17) / 16 }
        let small = try image.resized(height: 2, width: 3, method: .areaAverage)
        for i in 0..<2 { for j in 0..<3 { for c in 0..<3 {
            var sum: Float = 0
            for di in 0..<3 { for dj in 0..<3 { sum += image[3 * i + di, 3 * j + dj, c] } }
            XCTAssertEqual(small[i, j, c], sum / 9, accuracy: 1e-6)
        } } }
    }

    func testAreaAverageWeightsFractionalOverlaps() throws {
        // 3 → 2 samples: output 0 covers [0, 1.5): (x0 + ½ x1) / 1.5; output 1 covers [1.5, 3): (½ x1 + x2) / 1.5.
        let row = Image(height: 1, width: 3, channels: 1, pixels: [0.3, 0.9, 0.6])
        let resized = try row.resized(height: 1, width: 2, method: .areaAverage)
        XCTAssertEqual(resized.pixels[0], (0.3 + 0.45) / 1.5, accuracy: 1e-6)
        XCTAssertEqual(resized.pixels[1], (0.45 + 0.6) / 1.5, accuracy: 1e-6)
        // Mass is preserved for any factors: Σ output · (H/h)(W/w) = Σ input.
        let image = TestSupport.image(height: 13, width: 17, channels: 1) { i, j, _ in Float((i * 7 + j * 3) % 11) }
        for (h, w) in [(5, 7), (4, 16), (20, 30)] {
            let out = try image.resized(height: h, width: w, method: .areaAverage)
            let mass = out.pixels.reduce(0) { $0 + Double($1) } * (13.0 / Double(h)) * (17.0 / Double(w))
            XCTAssertEqual(mass, image.pixels.reduce(0) { $0 + Double($1) }, accuracy: 1e-3, "\(h)×\(w)")
        }
    }

    func testBothMethodsKeepConstantsConstant() throws {
        let constant = Image(height: 11, width: 7, channels: 3, repeating: 0.37)
        for method in [ResizeMethod.areaAverage, .bicubic] {
            for (h, w) in [(3, 2), (11, 7), (25, 16), (1, 1)] {
                let out = try constant.resized(height: h, width: w, method: method)
                XCTAssertLessThan(TestSupport.maximumDifference(out.pixels, [Float](repeating: 0.37, count: h * w * 3)), 1e-6)
            }
        }
    }

    func testBicubicReproducesALinearRampAwayFromTheBorders() throws {
        // Keys' kernel (a = −½) reproduces linear functions; the widened kernel of a factor-2 shrink is symmetric.
        // Output o samples the input at c = (o + ½)·n/m − ½ (pixel-centre alignment).
        let ramp = TestSupport.image(height: 1, width: 40, channels: 1) { _, j, _ in 0.1 + 0.02 * Float(j) }
        for m in [20, 64, 100] {
            let out = try ramp.resized(height: 1, width: m, method: .bicubic)
            let scale = 40.0 / Double(m), reach = 2 * max(scale, 1) + 1
            for o in 0..<m {
                let c = (Double(o) + 0.5) * scale - 0.5
                guard c - reach >= 0, c + reach <= 39 else { continue }
                XCTAssertEqual(Double(out.pixels[o]), 0.1 + 0.02 * c, accuracy: 1e-6, "width \(m), sample \(o)")
            }
        }
    }

    func testBicubicMatchesPillow() throws {
        struct Fixture: Decodable {
            struct Case: Decodable { let height, width: Int; let pixels: [Float] }
            let height, width, channels: Int
            let pixels: [Float]
            let cases: [Case]
        }
        let data = try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("bicubic.json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: data)
        let source = Image(height: fixture.height, width: fixture.width, channels: fixture.channels, pixels: fixture.pixels)
        for expected in fixture.cases {
            let resized = try source.resized(height: expected.height, width: expected.width, method: .bicubic)
            XCTAssertLessThan(TestSupport.maximumDifference(resized.pixels, expected.pixels), 2e-6,
                              "\(expected.height)×\(expected.width)")
        }
    }

    func testResizeRejectsEmptyTargets() throws {
        TestSupport.assertImagingError(.invalidArgument, mentioning: ["0×5", "positive"]) {
            try Image(height: 3, width: 3, channels: 1).resized(height: 0, width: 5, method: .bicubic)
        }
    }

    func testGrayAndRGBConversions() throws {
        let rgb = Image(height: 1, width: 2, channels: 3, pixels: [0.2, 0.4, 0.6, 1, 0, 0])
        let gray = try rgb.grayscale()
        XCTAssertEqual(gray.channels, 1)
        XCTAssertEqual(gray.pixels[0], 0.299 * 0.2 + 0.587 * 0.4 + 0.114 * 0.6, accuracy: 1e-7)
        XCTAssertEqual(gray.pixels[1], 0.299, accuracy: 1e-7)
        XCTAssertEqual(try gray.rgb().pixels, [gray.pixels[0], gray.pixels[0], gray.pixels[0], gray.pixels[1], gray.pixels[1], gray.pixels[1]])
        XCTAssertEqual(try gray.grayscale(), gray)
        XCTAssertEqual(try rgb.rgb(), rgb)
        TestSupport.assertImagingError(.shapeMismatch, mentioning: ["1×1×2", "1 or 3 channels"]) {
            try Image(height: 1, width: 1, channels: 2).grayscale()
        }
    }
}
