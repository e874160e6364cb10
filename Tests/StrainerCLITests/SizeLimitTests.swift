import Foundation
import Imaging
import XCTest

/// Sizes are bounded where they are read (issue 21): a problem file's `size`, `network.width`, `layers`,
/// `features` and the same options of `fit` are refused above their named limit, with the environment
/// variable that raises it; bad values a later stage would refuse are refused when the problem file is read.
final class SizeLimitTests: XCTestCase {
    /// A gray 16 × 16 PNG to fit.
    private func picture() throws -> URL {
        let url = try scratchFolder().appendingPathComponent("picture.png")
        try ImageFile.write(Image(height: 16, width: 16, channels: 1, pixels: (0..<256).map { Float($0) / 255 }), to: url)
        return url
    }

    func testFitRefusesSizesAboveTheirLimits() throws {
        let image = try picture().path
        for (options, message) in [
            (["--size", "100000"], "--size must be at most 4096, got 100000 (raise the limit with STRAINER_MAX_SIZE=N)"),
            (["--width", "1000000"], "--width must be at most 4096, got 1000000 (raise the limit with STRAINER_MAX_WIDTH=N)"),
            (["--family", "fourier", "--features", "100000000"], "--features must be at most 65536, got 100000000 (raise the limit with STRAINER_MAX_FEATURES=N)"),
            (["--layers", "1000000"], "--layers must be at most 256, got 1000000 (raise the limit with STRAINER_MAX_LAYERS=N)"),
        ] {
            try assertRefused(["fit", image] + options, within: 10, mentioning: [message])
        }
        try assertRefused(["fit", image, "--width", "64"], environment: ["STRAINER_MAX_WIDTH": "32"], within: 10,
                          mentioning: ["--width must be at most 32, got 64"])
    }

    func testTrainingAndComparingPriorsRefuseSizesAboveTheLimits() throws {
        let out = try scratchFolder().appendingPathComponent("p.safetensors").path
        try assertRefused(["train-prior", "--dataset", "celeba-hq-178", "--kind", "strainer", "--size", "100000", "--out", out],
                          in: StrainerProcess.repository, within: 10, mentioning: ["--size must be at most 4096, got 100000"])
        try assertRefused(["compare-priors", "--dataset", "celeba-hq-178", "--prior", "random", "--width", "1000000"],
                          in: StrainerProcess.repository, within: 10, mentioning: ["--width must be at most 4096, got 1000000"])
    }

    func testCompareRefusesASizeAboveTheLimit() throws {
        try assertRefused(["compare", "ct-shepp-logan-30", "--size", "100000", "--out", try scratchFolder().path],
                          in: StrainerProcess.repository, within: 10,
                          mentioning: ["--size must be at most 4096, got 100000 (raise the limit with STRAINER_MAX_SIZE=N)"])
    }

    func testFitRefusesZeroIterations() throws {
        let result = try StrainerProcess.run(["fit", try picture().path, "--iterations", "0"], timeout: 10)
        XCTAssertEqual(result.status, 64, "a usage mistake, as for compare-priors: \(result.standardError)")
        XCTAssertTrue(result.standardError.hasPrefix("Error: --iterations is 0; expected ≥ 1\n"), result.standardError)
    }

    /// A folder holding problem `id` with `extra` lines after a valid phantom problem of side `size`.
    private func problemFolder(id: String, size: String = "32", _ extra: String = "") throws -> URL {
        let folder = try scratchFolder()
        let text = "id: \(id)\ntitle: t\nphantom: shepp-logan\nsize: \(size)\nchannels: 1\noperator: {name: identity}\n\(extra)"
        try text.write(to: folder.appendingPathComponent("\(id).yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    func testAProblemFileIsRefusedSizesAboveTheirLimits() throws {
        let repository = StrainerProcess.repository
        for (folder, message) in [
            (try problemFolder(id: "big", size: "100000"), "big.yaml: size: must be at most 4096, got 100000 (raise the limit with STRAINER_MAX_SIZE=N)"),
            (try problemFolder(id: "wide", "network: {width: 1000000000}\n"), "wide.yaml: network.width: must be at most 4096, got 1000000000"),
            (try problemFolder(id: "deep", "network: {layers: 100000}\n"), "deep.yaml: network.layers: must be at most 256, got 100000"),
            (try problemFolder(id: "fourier", "network: {family: fourier, features: 100000000}\n"), "fourier.yaml: network.features: must be at most 65536"),
        ] {
            try assertRefused(["problems", "--problems", folder.path], in: repository, within: 10, mentioning: [message])
        }
    }

    func testAProblemFileIsRefusedBaselineSettingsCompareWouldRefuse() throws {
        for (weight, message) in [("abc", "must be a number, got 'abc'"), ("-5", "must be ≥ 0, got -5.0"), ("nan", "must be finite, got nan")] {
            let folder = try problemFolder(id: "tv", "baselines: [{name: tv, weight: \(weight)}]\n")
            try assertRefused(["problems", "show", "tv", "--problems", folder.path], in: StrainerProcess.repository, within: 10,
                              mentioning: ["tv.yaml: baselines[0]: tv: parameter 'weight' \(message)"])
        }
    }
}
