import ArgumentParser
import Foundation
import Imaging
import Operators
import Problems

/// `strainer simulate`: a measurement `y = noise(A x)` of an image, written as a float32 TIFF.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a measurement y = noise(A x) of an image and write it (float32 TIFF, or 8-bit PNG/PGM/PPM as a camera would).",
        discussion: """
            SPEC is a flow-style YAML mapping naming a registered operator or noise model and its parameters \
            (see `strainer operators`), e.g. --operator '{name: blur, kernel: gaussian, sigma: 2}' \
            --noise '{name: gaussian, sigma: 0.01}'. Complex measurements (mri) are written as two channels per \
            image channel, real then imaginary. A .tif output keeps y exactly (float32); .png, .pgm or .ppm stores it \
            as a camera would, clipped to [0, 1] and quantised to 8 bits. Relative kernel and mask paths are resolved \
            against the working directory.
            """)

    @Option(name: .customLong("operator"), help: "The forward operator, a YAML mapping with a 'name'.")
    var operatorSpec: String

    @Option(name: .customLong("noise"), help: "The noise model, a YAML mapping with a 'name' (default: none).")
    var noiseSpec: String?

    @Option(help: "Seed of the noise draw.")
    var seed: UInt64 = 0

    @Option(help: "Simulate from a synthetic image instead of INPUT: 'shepp-logan' (Toft's modified head phantom, values in [0, 1]), of --size.")
    var phantom: String?

    @Option(help: "Side of the square phantom, in pixels.")
    var size = 128

    @Argument(help: "The clean image (PNG, TIFF, PGM/PPM); omitted with --phantom.", completion: .file())
    var input: String?

    @Argument(help: "The measurement to write: .tif/.tiff (float32, exact) or .png/.pgm/.ppm (8-bit, clipped).", completion: .file())
    var output: String?

    func validate() throws {
        switch (phantom, input, output) {
        case (nil, _?, _?): break
        case ("shepp-logan"?, _?, nil): break  // with --phantom, the one argument is the output
        case (let name?, _, _) where name != "shepp-logan":
            throw ValidationError("--phantom is '\(name)'; expected shepp-logan")
        default:
            throw ValidationError("expected INPUT and OUTPUT, or --phantom shepp-logan and OUTPUT")
        }
        guard (8...4096).contains(size) else { throw ValidationError("--size is \(size); expected 8…4096 pixels") }
        guard ["tif", "tiff", "png", "pgm", "ppm", "pnm"].contains(URL(fileURLWithPath: output ?? input ?? "").pathExtension.lowercased()) else {
            throw ValidationError("OUTPUT must end in .tif or .tiff (float32, exact) or .png, .pgm or .ppm (8-bit), got '\(output ?? input ?? "")'")
        }
    }

    func run() throws {
        let output = self.output ?? input!  // with --phantom, the single argument is the output
        let outputURL = URL(fileURLWithPath: output)
        let exact = ["tif", "tiff"].contains(outputURL.pathExtension.lowercased())
        let image = phantom == nil
            ? try ImageFile.read(URL(fileURLWithPath: input!))
            : Image(height: size, width: size, channels: 1, pixels: SheppLogan.image(height: size, width: size))
        let context = BuildContext(shape: ImageShape(of: image))
        let forward = try operatorRegistry.make(try ParameterMap.parse(operatorSpec, option: "--operator"), context: context)
        let noise = try noiseSpec.map { try noiseRegistry.make(try ParameterMap.parse($0, option: "--noise"), context: context) }
        let measurement = try simulateMeasurement(of: image.pixels, through: forward, noise: noise, seed: seed)
        let shape = forward.outputShape
        let y = Image(height: shape.height, width: shape.width, channels: shape.channels, pixels: measurement)
        try y.requireFiniteSamples(path: output, what: "measurement")
        try ImageFile.write(y, to: outputURL, sampleFormat: exact ? .float32 : .uint8)
        print("\(forward) → \(shape)\(noise.map { " + \($0) (seed \(seed))" } ?? "") → \(output)\(exact ? "" : " (8-bit, clipped to [0, 1])")")
    }
}
