import ArgumentParser
import Foundation
import Imaging
import Operators
import Yams

/// `strainer simulate`: a measurement `y = noise(A x)` of an image, written as a float32 TIFF.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a measurement y = noise(A x) of an image and write it as a float32 TIFF.",
        discussion: """
            SPEC is a flow-style YAML mapping naming a registered operator or noise model and its parameters \
            (see `strainer operators`), e.g. --operator '{name: blur, kernel: gaussian, sigma: 2}' \
            --noise '{name: gaussian, sigma: 0.01}'. Complex measurements (mri) are written as two channels per \
            image channel, real then imaginary. Relative kernel and mask paths are resolved against the working directory.
            """)

    @Option(name: .customLong("operator"), help: "The forward operator, a YAML mapping with a 'name'.")
    var operatorSpec: String

    @Option(name: .customLong("noise"), help: "The noise model, a YAML mapping with a 'name' (default: none).")
    var noiseSpec: String?

    @Option(help: "Seed of the noise draw.")
    var seed: UInt64 = 0

    @Argument(help: "The clean image (PNG, TIFF, PGM/PPM).", completion: .file())
    var input: String

    @Argument(help: "The measurement to write (.tif or .tiff).", completion: .file())
    var output: String

    func run() throws {
        let outputURL = URL(fileURLWithPath: output)
        guard ["tif", "tiff"].contains(outputURL.pathExtension.lowercased()) else {
            throw ValidationError("OUTPUT must end in .tif or .tiff (the measurement is float32), got '\(output)'")
        }
        let image = try ImageFile.read(URL(fileURLWithPath: input))
        let context = BuildContext(shape: ImageShape(of: image))
        let forward = try operatorRegistry.make(try Self.parse(operatorSpec, option: "--operator"), context: context)
        let noise = try noiseSpec.map { try noiseRegistry.make(try Self.parse($0, option: "--noise"), context: context) }
        let measurement = try simulateMeasurement(of: image.pixels, through: forward, noise: noise, seed: seed)
        let shape = forward.outputShape
        try ImageFile.write(Image(height: shape.height, width: shape.width, channels: shape.channels, pixels: measurement),
                            to: outputURL, sampleFormat: .float32)
        print("\(forward) → \(shape)\(noiseSpec == nil ? "" : " + noise (seed \(seed))") → \(output)")
    }

    /// A YAML mapping of scalars and lists as a ``ParameterMap``.
    static func parse(_ text: String, option: String) throws -> ParameterMap {
        do {
            return try YAMLDecoder().decode(ParameterMap.self, from: text)
        } catch {
            throw ValidationError("\(option) must be a YAML mapping such as '{name: blur, kernel: gaussian, sigma: 2}', got '\(text)'")
        }
    }
}
