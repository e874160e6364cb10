import ArgumentParser
import Baselines
import Foundation
import Imaging
import Operators

/// `strainer denoise NOISY OUTPUT.tif [--baseline SPEC] [--truth CLEAN] [--json]`: one denoising baseline on one image.
struct DenoiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "denoise",
        abstract: "Denoise an image with a classical baseline (BM3D by default) and write the result as a float32 TIFF.",
        discussion: """
            SPEC is a flow-style YAML mapping naming a baseline of the registry and its parameters, e.g. \
            '{name: bm3d, sigma: 0.1}' (without sigma, BM3D estimates it from the image) or '{name: tv, weight: 0.1}'; \
            the operator is the identity. With --truth, the PSNR against the clean image is printed. The time is \
            the baseline's wall clock, reading and writing excluded.
            """)

    @Option(name: .customLong("baseline"), help: "The baseline, a YAML mapping with a 'name'.")
    var baselineSpec = "{name: bm3d}"

    @Option(help: "The clean image, to print the PSNR of the result.", completion: .file())
    var truth: String?

    @Flag(help: "Print one JSON object {\"seconds\", \"psnr\"} and nothing else.")
    var json = false

    @Argument(help: "The noisy image (PNG, TIFF, PGM/PPM).", completion: .file())
    var input: String

    @Argument(help: "The result to write (.tif or .tiff).", completion: .file())
    var output: String

    func validate() throws {
        guard ["tif", "tiff"].contains(URL(fileURLWithPath: output).pathExtension.lowercased()) else {
            throw ValidationError("OUTPUT must end in .tif or .tiff (the result is float32), got '\(output)'")
        }
    }

    func run() throws {
        let outputURL = URL(fileURLWithPath: output)
        let noisy = try ImageFile.read(URL(fileURLWithPath: input))
        let shape = ImageShape(of: noisy)
        let baseline = try baselineRegistry.make(try ParameterMap.parse(baselineSpec, option: "--baseline"),
                                                 context: BuildContext(shape: shape))
        let start = DispatchTime.now().uptimeNanoseconds
        let samples = try baseline.reconstruct(noisy.pixels, through: IdentityOperator(shape: shape))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        let result = Image(height: shape.height, width: shape.width, channels: shape.channels, pixels: samples)
        try ImageFile.write(result, to: outputURL, sampleFormat: .float32)
        let psnr = try truth.map { try ImageMetrics.psnr(try ImageFile.read(URL(fileURLWithPath: $0)), result) }
        if json {
            print("{\"seconds\": \(jsonNumber(seconds)), \"psnr\": \(psnr.map(jsonNumber) ?? "null")}")
        } else {
            print("\(baseline) → \(output) in \(String(format: "%.3f", seconds)) s"
                  + (psnr.map { String(format: ", PSNR %.2f dB", $0) } ?? ""))
        }
    }
}
