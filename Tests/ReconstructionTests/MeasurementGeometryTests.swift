import Foundation
import Operators
@testable import Reconstruction
import XCTest

/// A registry specification from plain values (strings, numbers).
func parameters(_ values: [String: Any]) -> ParameterMap {
    values.mapValues { value in
        switch value {
        case let text as String: .string(text)
        case let number as Int: .number(Double(number))
        case let number as Double: .number(number)
        default: fatalError("unsupported parameter value \(value)")
        }
    }
}

final class MeasurementGeometryTests: XCTestCase {
    private let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)

    private func geometry(_ y: ImageShape, _ spec: ParameterMap, shape: (Int, Int)? = nil) throws -> MeasurementGeometry {
        try MeasurementGeometry(measurement: y, file: "y.tif", operatorSpec: spec,
                                requestedSize: shape.map { (height: $0.0, width: $0.1) }, baseDirectory: here)
    }

    /// The grid from y and the operator: identity, blur and inpaint keep y's size; downsample and resize by f
    /// multiply it; radon's detector count ⌈N√2⌉ gives the square N × N; mri halves the channels. Each operator
    /// built on the grid measures exactly y's shape.
    func testTheGridFollowsFromTheMeasurementAndTheOperator() throws {
        let cases: [(ImageShape, [String: Any], ImageShape)] = [
            (ImageShape(height: 20, width: 30, channels: 3), ["name": "identity"], ImageShape(height: 20, width: 30, channels: 3)),
            (ImageShape(height: 20, width: 30, channels: 1), ["name": "blur", "kernel": "gaussian", "sigma": 1], ImageShape(height: 20, width: 30, channels: 1)),
            (ImageShape(height: 20, width: 30, channels: 3), ["name": "inpaint", "mask": "random", "fraction": 0.5], ImageShape(height: 20, width: 30, channels: 3)),
            (ImageShape(height: 10, width: 15, channels: 3), ["name": "downsample", "factor": 2], ImageShape(height: 20, width: 30, channels: 3)),
            (ImageShape(height: 6, width: 9, channels: 1), ["name": "resize", "factor": 4], ImageShape(height: 24, width: 36, channels: 1)),
            (ImageShape(height: 12, width: 136, channels: 1), ["name": "radon", "angles": 12], ImageShape(height: 96, width: 96, channels: 1)),
            (ImageShape(height: 16, width: 24, channels: 2), ["name": "mri", "mask": "full"], ImageShape(height: 16, width: 24, channels: 1)),
        ]
        for (y, spec, expected) in cases {
            let made = try geometry(y, parameters(spec))
            XCTAssertEqual(made.imageShape, expected, "\(spec)")
            XCTAssertEqual(made.forward.outputShape, y, "\(spec)")
        }
    }

    /// Where y and the operator do not fix the size, --shape does; without it, an error says to give it.
    func testShapeIsNeededWhereTheOperatorCannotTell() throws {
        let y = ImageShape(height: 12, width: 20, channels: 1)
        XCTAssertThrowsError(try geometry(y, parameters(["name": "resize", "height": 12, "width": 20]))) { error in
            XCTAssertEqual("\(error)", "the resize operator and a 12×20×1 measurement do not fix the image's size; give it with --shape HxW")
        }
        XCTAssertEqual(try geometry(y, parameters(["name": "resize", "height": 12, "width": 20]), shape: (36, 60)).imageShape,
                       ImageShape(height: 36, width: 60, channels: 1))
        let sinogram = ImageShape(height: 30, width: 100, channels: 1)
        XCTAssertThrowsError(try geometry(sinogram, parameters(["name": "radon", "angles": 30, "detectors": 100])))
        XCTAssertEqual(try geometry(sinogram, parameters(["name": "radon", "angles": 30, "detectors": 100]), shape: (60, 70)).imageShape,
                       ImageShape(height: 60, width: 70, channels: 1))
    }

    /// A measurement whose shape does not fit the operator: one line naming the file and what was expected.
    func testMeasurementsOfAnotherShapeAreRefused() {
        XCTAssertThrowsError(try geometry(ImageShape(height: 10, width: 136, channels: 1), parameters(["name": "radon", "angles": 12]))) { error in
            XCTAssertEqual("\(error)", "y.tif: the measurement is 10×136×1; radon(12 angles, 136 detectors, 96×96×1) on a 96×96×1 image measures 12×136×1")
        }
        XCTAssertThrowsError(try geometry(ImageShape(height: 16, width: 16, channels: 1), parameters(["name": "mri", "mask": "full"]))) { error in
            XCTAssertEqual("\(error)", "mri: parameter 'measurement' k-space has 1 channel(s); expected 2 per image channel (real, imaginary)")
        }
        XCTAssertThrowsError(try geometry(ImageShape(height: 5000, width: 5000, channels: 1), parameters(["name": "identity"]))) { error in
            XCTAssertTrue("\(error)".hasPrefix("the image grid is 5000×5000, more than the 16777216 pixels"), "\(error)")
        }
    }
}
