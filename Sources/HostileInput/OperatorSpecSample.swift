import Operators
import Problems

/// A specification as `strainer simulate --operator`/`--noise` takes it, parsed and used on a small phantom: the
/// operator (or noise model, when the name is one) is built for a 24×24 gray image and applied once, adjoint too.
enum OperatorSpecSample {
    /// The image the specification is built for and applied to.
    static let shape = ImageShape(height: 24, width: 24, channels: 1)

    /// Parses `text`, builds what it names and simulates a measurement with it; throws what the tool would report.
    static func simulate(_ text: String) throws {
        let spec = try ParameterMap.parse(text, option: "operator-spec")
        let context = BuildContext(shape: shape, baseDirectory: ScratchFile.directory)
        let x = SheppLogan.image(height: shape.height, width: shape.width)
        if case let .string(name)? = spec["name"], noiseRegistry.names.contains(name) {
            let noise = try noiseRegistry.make(spec, context: context)
            _ = try simulateMeasurement(of: x, through: IdentityOperator(shape: shape), noise: noise, seed: 1)
        } else {
            let forward = try operatorRegistry.make(spec, context: context)
            _ = try forward.adjoint(simulateMeasurement(of: x, through: forward, noise: nil, seed: 1))
        }
    }
}
