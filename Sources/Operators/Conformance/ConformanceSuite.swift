import Foundation

/// One named operator configuration of the conformance battery: a registry specification on an input shape, or a
/// composite built from such specifications.
public struct OperatorConfiguration: Sendable {
    public let name: String
    /// Builds the operator; the URL is the directory holding `Datasets/` (for kernel files).
    public let build: @Sendable (URL) throws -> any LinearOperator

    /// A configuration built by the registry from `spec` on `shape`.
    public init(_ name: String, _ spec: ParameterMap, _ shape: ImageShape) {
        self.name = name
        build = { root in try operatorRegistry.make(spec, context: BuildContext(shape: shape, baseDirectory: root)) }
    }

    /// A configuration built by arbitrary code (composites).
    public init(_ name: String, build: @escaping @Sendable (URL) throws -> any LinearOperator) {
        self.name = name
        self.build = build
    }
}

/// Every operator configuration that must pass ``checkLinearOperator(_:name:seed:trials:tolerance:)``: the tests
/// and `strainer operators check` run all of them. A new operator adds its configurations here.
public enum ConformanceSuite {
    static func spec(_ name: String, _ parameters: [String: ParameterValue] = [:]) -> ParameterMap {
        parameters.merging(["name": .string(name)]) { $1 }
    }

    static let gray32 = ImageShape(height: 32, width: 32), rgb24 = ImageShape(height: 24, width: 24, channels: 3)
    static let oblong = ImageShape(height: 36, width: 28)

    /// The configurations; the eight bundled Levin kernels are included when `datasetsRoot` (the directory holding
    /// `Datasets/levin09/`) contains them.
    public static func configurations(datasetsRoot: URL?) -> [OperatorConfiguration] {
        var list: [OperatorConfiguration] = [
            .init("identity-gray", spec("identity"), gray32),
            .init("identity-rgb", spec("identity"), rgb24),
            .init("blur-gaussian-circular", spec("blur", ["kernel": .string("gaussian"), "sigma": .number(1.5)]), gray32),
            .init("blur-gaussian-zero-rgb", spec("blur", ["kernel": .string("gaussian"), "sigma": .number(2), "boundary": .string("zero")]), rgb24),
            .init("blur-box-even-zero", spec("blur", ["kernel": .string("box"), "size": .number(4), "boundary": .string("zero")]), oblong),
            .init("blur-disk-circular", spec("blur", ["kernel": .string("disk"), "radius": .number(3)]), oblong),
            .init("blur-motion-circular", spec("blur", ["kernel": .string("motion"), "length": .number(9), "angle": .number(30)]), gray32),
            .init("blur-motion-zero", spec("blur", ["kernel": .string("motion"), "length": .number(7), "angle": .number(-60), "boundary": .string("zero")]), gray32),
            .init("downsample-box-2", spec("downsample", ["factor": .number(2), "filter": .string("box")]), gray32),
            .init("downsample-bicubic-2-rgb", spec("downsample", ["factor": .number(2), "filter": .string("bicubic")]), rgb24),
            .init("downsample-bicubic-4", spec("downsample", ["factor": .number(4)]), oblong),
            .init("downsample-gaussian-3", spec("downsample", ["factor": .number(3), "filter": .string("gaussian")]), ImageShape(height: 33, width: 27)),
            .init("resize-bicubic-4 (178 → 45)", spec("resize", ["factor": .number(4)]), ImageShape(height: 178, width: 178)),
            .init("resize-area-64-to-32", spec("resize", ["height": .number(32), "width": .number(32), "method": .string("area")]), ImageShape(height: 64, width: 64)),
            .init("resize-area-1.5-oblong", spec("resize", ["factor": .number(1.5), "method": .string("area")]), oblong),
            .init("resize-bicubic-mixed-rgb", spec("resize", ["height": .number(30), "width": .number(17)]), rgb24),
            .init("inpaint-random-half", spec("inpaint", ["mask": .string("random"), "fraction": .number(0.5), "seed": .number(3)]), gray32),
            .init("inpaint-block-rgb", spec("inpaint", ["mask": .string("block"), "block_height": .number(8), "block_width": .number(12)]), rgb24),
            .init("radon-30-angles", spec("radon", ["angles": .number(30)]), gray32),
            .init("radon-sparse-oblong", spec("radon", ["angles": .number(7), "detectors": .number(41)]), oblong),
            .init("radon-rgb", spec("radon", ["angles": .number(12)]), rgb24),
            .init("mri-full", spec("mri", ["mask": .string("full")]), gray32),
            .init("mri-equispaced-4", spec("mri", ["mask": .string("equispaced"), "acceleration": .number(4)]), gray32),
            .init("mri-random-6-oblong", spec("mri", ["mask": .string("random"), "acceleration": .number(6), "seed": .number(1)]), oblong),
            .init("mri-variable-density-rgb", spec("mri", ["mask": .string("variable_density"), "acceleration": .number(3)]), rgb24),
            .init("super-resolution (downsample ∘ blur)") { root in
                try ComposedOperator(operatorRegistry.make(spec("downsample", ["factor": .number(2), "filter": .string("box")]),
                                                           context: BuildContext(shape: gray32, baseDirectory: root)),
                                     operatorRegistry.make(spec("blur", ["kernel": .string("gaussian"), "sigma": .number(1)]),
                                                           context: BuildContext(shape: gray32, baseDirectory: root)))
            },
            .init("scaled sum (2·blur + identity)") { root in
                let context = BuildContext(shape: gray32, baseDirectory: root)
                return try SumOperator(ScaledOperator(2, operatorRegistry.make(spec("blur", ["kernel": .string("box"), "size": .number(3)]), context: context)),
                                       IdentityOperator(shape: gray32))
            },
            .init("stack [radon; mri]") { root in
                let context = BuildContext(shape: gray32, baseDirectory: root)
                return try StackedOperator([operatorRegistry.make(spec("radon", ["angles": .number(9)]), context: context),
                                            operatorRegistry.make(spec("mri", ["mask": .string("random")]), context: context)])
            },
        ]
        if let datasetsRoot,
           FileManager.default.fileExists(atPath: datasetsRoot.appendingPathComponent("Datasets/levin09/levin09_1.txt").path) {
            for index in 1...8 {
                list.append(.init("blur-levin09-\(index)-zero",
                                  spec("blur", ["kernel": .string("file"), "path": .string("Datasets/levin09/levin09_\(index).txt"),
                                                "boundary": .string("zero")]),
                                  ImageShape(height: 40, width: 36)))
            }
        }
        return list
    }

    /// Builds and checks every configuration; a configuration that fails to build is reported as failed.
    public static func run(datasetsRoot: URL?, seed: UInt64 = 0) -> [ConformanceReport] {
        configurations(datasetsRoot: datasetsRoot).map { configuration in
            do {
                return checkLinearOperator(try configuration.build(datasetsRoot ?? URL(fileURLWithPath: ".")),
                                           name: configuration.name, seed: seed)
            } catch {
                let empty = ImageShape(height: 0, width: 0, channels: 0)
                return ConformanceReport(name: configuration.name, operatorDescription: "—", inputShape: empty,
                                         outputShape: empty, relativeAdjointError: .nan, adjointScale: .nan,
                                         linearityError: .nan, normalError: .nan, operatorNorm: .nan,
                                         failures: ["cannot build: \(error)"], passed: false)
            }
        }
    }
}
