import Foundation
import XCTest
import Imaging
import Operators
import SeededRandom
@testable import Problems

/// Setting a problem up: the clean images are the dataset's (or the user's) prepared as documented, and the
/// measurements are reproducible, independent between images and distributed as the noise model says.
final class ProblemSetupTests: ProblemFileTestCase {
    /// A denoising variant of the test problem: identity operator, Gaussian noise σ = 0.1, three faces.
    private var denoising: String {
        variant("operator", "operator: {name: identity}").replacingOccurrences(of: "images: 2", with: "images: 3")
    }

    /// `text`, written as `demo.yaml`, set up with the bundled catalog.
    private func concrete(_ text: String, imageOverride: URL? = nil) throws -> ProblemSetup {
        try ProblemSetup(BuiltProblem(file: write(text), catalog: bundledCatalog), catalog: bundledCatalog, imageOverride: imageOverride)
    }

    func testMeasurementsAreReproducibleAndIndependentPerImage() throws {
        let first = try concrete(denoising)
        let again = try concrete(denoising)
        XCTAssertEqual(first.instances.count, 3)
        for (a, b) in zip(first.instances, again.instances) {
            XCTAssertEqual(a.measurement, b.measurement, "same seed, same bits")
            XCTAssertEqual(a.truth, b.truth)
        }
        // The residuals y − x are N(0, 0.1²) samples: mean ≈ 0 and standard deviation ≈ 0.1 (768 samples: the
        // standard errors are 0.0036 and 0.0026), and uncorrelated between images (|ρ| ≲ 4/√768 ≈ 0.14).
        let residuals = first.instances.map { instance in
            zip(instance.measurement, instance.truth.image.pixels).map { Double($0) - Double($1) }
        }
        for residual in residuals {
            let mean = residual.reduce(0, +) / Double(residual.count)
            let deviation = (residual.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(residual.count)).squareRoot()
            XCTAssertEqual(mean, 0, accuracy: 0.015)
            XCTAssertEqual(deviation, 0.1, accuracy: 0.011)
        }
        func correlation(_ u: [Double], _ v: [Double]) -> Double {
            let dot = zip(u, v).map(*).reduce(0, +)
            return dot / (u.map { $0 * $0 }.reduce(0, +) * v.map { $0 * $0 }.reduce(0, +)).squareRoot()
        }
        XCTAssertLessThan(abs(correlation(residuals[0], residuals[1])), 0.14, "images draw from different streams")
        XCTAssertLessThan(abs(correlation(residuals[1], residuals[2])), 0.14)

        // The documented seeding: the noise of image k comes from SeedSequence.derive(seed, stream: k).
        for instance in first.instances {
            XCTAssertEqual(instance.noiseSeed, SeedSequence.derive(7, stream: UInt64(instance.index)))
        }
        // Another problem seed gives other noise on the same images.
        let reseeded = try concrete(denoising.replacingOccurrences(of: "seed: 7", with: "seed: 8"))
        XCTAssertEqual(reseeded.instances[0].truth, first.instances[0].truth)
        XCTAssertNotEqual(reseeded.instances[0].measurement, first.instances[0].measurement)
    }

    func testNoiselessMeasurementIsTheOperatorApplied() throws {
        // Inpainting keeps the observed samples exactly and zeroes the rest: y = m ⊙ x with no noise.
        let text = variant("operator", "operator: {name: inpaint, mask: random, fraction: 0.5, seed: 1}")
            .replacingOccurrences(of: "noise: {name: gaussian, sigma: 0.1}\n", with: "")
        let setup = try concrete(text)
        XCTAssertNil(setup.noise)
        let instance = setup.instances[1]
        var kept = 0
        for (y, x) in zip(instance.measurement, instance.truth.image.pixels) {
            XCTAssertTrue(y == x || y == 0)
            if y == x && x != 0 { kept += 1 }
        }
        XCTAssertEqual(Double(kept) / Double(instance.measurement.count), 0.5, accuracy: 0.1)
    }

    func testFacesAreAreaAveragedAndConvertedToLuma() throws {
        // 178 → 89 is an exact 2×2 block mean; gray is 0.299 R + 0.587 G + 0.114 B of it.
        let text = variant("size", "size: 89").replacingOccurrences(of: "channels: 3", with: "channels: 1")
        let setup = try concrete(text)
        let source = try ImageFile.read(repository.appendingPathComponent("Datasets/celeba-hq-178/val/female_064119_ref.png"))
        let truth = setup.instances[1].truth
        XCTAssertEqual(truth.name, "female_064119_ref", "the second validation face in manifest order")
        XCTAssertEqual(truth.sha256, "86d764ef93d8acfe989c0f59769e817b7e6afc983ef59121bb2422c37f029134")
        XCTAssertEqual(truth.image.shapeDescription, "89×89×1")
        for (i, j) in [(0, 0), (10, 70), (44, 44), (88, 3)] {
            var luma = 0.0
            for (c, weight) in [0.299, 0.587, 0.114].enumerated() {
                var block = 0.0
                for di in 0..<2 { for dj in 0..<2 { block += Double(source[2 * i + di, 2 * j + dj, c]) } }
                luma += weight * block / 4
            }
            XCTAssertEqual(Double(truth.image[i, j, 0]), luma, accuracy: 1e-5, "pixel (\(i), \(j))")
        }
    }

    func testKodakCropsAreTheCentralPixels() throws {
        let text = Self.validProblem.replacingOccurrences(of: "dataset: celeba-hq-178\nsplit: val", with: "dataset: kodak24\nsplit: all")
            + "\npreparation: crop"
        let setup = try concrete(text)
        let source = try ImageFile.read(repository.appendingPathComponent("Datasets/kodak24/kodim02.png"))
        let truth = setup.instances[1].truth.image
        XCTAssertEqual(truth.shapeDescription, "16×16×3")
        // kodim02 is 512 × 768: the crop starts at row (512 − 16)/2 = 248 and column (768 − 16)/2 = 376.
        for (i, j, c) in [(0, 0, 0), (15, 15, 2), (7, 9, 1)] {
            XCTAssertEqual(truth[i, j, c], source[248 + i, 376 + j, c])
        }
    }

    func testAUserImageReplacesTheProblemsImages() throws {
        // A 20 × 30 RGB ramp: the central 20 × 20 square is columns 5…24; resized to 10 it is 2×2 block means.
        var picture = Image(height: 20, width: 30, channels: 3)
        for i in 0..<20 { for j in 0..<30 { for c in 0..<3 { picture.pixels[(i * 30 + j) * 3 + c] = Float(i * 30 + j + 100 * c) / 1000 } } }
        let file = scratch.appendingPathComponent("mine.tif")
        try ImageFile.write(picture, to: file, sampleFormat: .float32)
        let setup = try concrete(variant("size", "size: 10"), imageOverride: file)
        XCTAssertEqual(setup.instances.count, 1)
        let truth = setup.instances[0].truth
        XCTAssertEqual(truth.name, "mine")
        XCTAssertEqual(truth.sha256, try SHA256.hexDigest(ofFileAt: file))
        for (i, j, c) in [(0, 0, 0), (9, 9, 2), (4, 7, 1)] {
            // Mean of rows 2i, 2i+1 and columns 5+2j, 6+2j: (2i + ½)·30 + 5 + 2j + ½ + 100c, over 1000.
            let expected = ((Double(2 * i) + 0.5) * 30 + 5 + Double(2 * j) + 0.5 + 100 * Double(c)) / 1000
            XCTAssertEqual(Double(truth.image[i, j, c]), expected, accuracy: 1e-6)
        }
        XCTAssertEqual(setup.instances[0].measurement.count, setup.forward.outputShape.count)

        XCTAssertThrowsError(try concrete(variant("size", "size: 25") + "\npreparation: crop", imageOverride: file)) { error in
            XCTAssertTrue("\(error)".contains("mine.tif"), "\(error)")
            XCTAssertTrue("\(error)".contains("smaller than the 25×25 crop"), "\(error)")
        }
        XCTAssertThrowsError(try concrete(Self.validProblem, imageOverride: scratch.appendingPathComponent("absent.png"))) { error in
            XCTAssertTrue("\(error)".contains("absent.png"), "\(error)")
        }
    }

    func testThePhantomIsMeasuredInTheOperatorsFrame() throws {
        let text = """
            id: demo
            title: phantom CT
            phantom: shepp-logan
            size: 128
            channels: 1
            operator: {name: radon, angles: 12}
            """
        let setup = try concrete(text)
        let truth = setup.instances[0].truth
        XCTAssertEqual(truth.name, "shepp-logan")
        XCTAssertNil(truth.sha256)
        // At the centre only the outer ellipses overlap: 1.0 − 0.8; outside the head, 0.
        XCTAssertEqual(truth.image[64, 64, 0], 0.2, accuracy: 1e-6)
        XCTAssertEqual(truth.image[0, 0, 0], 0)
        // The discrete projections approach the phantom's exact line integrals (the discretisation error of a
        // 128² raster is a few per cent; RadonTests finds < 2 % at 256²).
        let radon = try XCTUnwrap(setup.forward as? RadonOperator)
        let exact = SheppLogan.sinogram(for: radon)
        let measured = setup.instances[0].measurement
        let error = zip(measured, exact).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +)
        let norm = exact.map { Double($0) * Double($0) }.reduce(0, +)
        print("phantom projections: relative L² error \((error / norm).squareRoot())")
        XCTAssertLessThan((error / norm).squareRoot(), 0.04)
    }

    func testPriorTrainingImagesArePreparedAtTheRecipesSize() throws {
        let problem = try load(variant("channels", "channels: 1"))
        guard case let .trained(recipe) = problem.spec.priors[1].source else { return XCTFail("expected a learned prior") }
        let images = try problem.trainingImages(for: recipe, catalog: bundledCatalog)
        XCTAssertEqual(images.map(\.name), ["female_039913_src", "female_051340_src", "female_069067_src"])
        XCTAssertTrue(images.allSatisfy { $0.image.shapeDescription == "16×16×1" })
    }
}
