import XCTest
import TestSupport
@testable import INR
import SeededRandom

/// Backward against central finite differences of an independent Double-precision forward (``ReferenceNetwork``),
/// for every family and activation, plus the input gradient that joins a decoder to a shared encoder.
final class GradientCheckTests: XCTestCase {
    /// A smooth random target for `rows` points and `outputs` channels.
    func problem(rows: Int, outputs: Int, seed: UInt64) -> (Matrix, Matrix) {
        var random = RandomSource(seed: seed)
        var x = Matrix(rows: rows, columns: 2)
        var t = Matrix(rows: rows, columns: outputs)
        for i in 0..<x.values.count { x.values[i] = random.uniform(-1, 1) }
        for i in 0..<t.values.count { t.values[i] = random.uniform(-1, 1) }
        return (x, t)
    }

    /// dL/dθ by central differences (step h) of the Double reference.
    func finiteDifferenceGradient(_ network: Network, _ x: Matrix, _ t: Matrix, h: Double = 1e-6) -> [Double] {
        var reference = ReferenceNetwork(network)
        let (inputs, targets) = (doubleRows(x), doubleRows(t))
        return (0..<network.parameters.count).map { p in
            let saved = reference.parameters[p]
            reference.parameters[p] = saved + h
            let plus = reference.meanSquaredError(inputs, targets)
            reference.parameters[p] = saved - h
            let minus = reference.meanSquaredError(inputs, targets)
            reference.parameters[p] = saved
            return (plus - minus) / (2 * h)
        }
    }

    func check(_ architecture: Architecture, seed: UInt64, tolerance: Double = 2e-3, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        let network = try Network(architecture: architecture, seed: seed)
        let (x, t) = problem(rows: 23, outputs: architecture.dimensions.last!, seed: seed + 100)
        let (loss, gradient) = try meanSquaredErrorGradient(network, x, t, blockRows: 5)  // several blocks per thread
        let reference = ReferenceNetwork(network)
        XCTAssertEqual(loss, reference.meanSquaredError(doubleRows(x), doubleRows(t)), accuracy: 1e-5 * loss, file: file, line: line)
        let expected = finiteDifferenceGradient(network, x, t)
        for (k, layer) in network.layout.layers.enumerated() {
            for (name, range) in [("weight", layer.weightOffset..<layer.biasOffset), ("bias", layer.biasOffset..<layer.end)] {
                let error = relativeMaxError(Array(gradient[range]), Array(expected[range]), floor: 1e-8)
                XCTAssertLessThan(error, tolerance, "\(architecture.family) layer \(k) \(name)", file: file, line: line)
            }
        }
    }

    func testSirenGradient() throws {
        try check(Architecture(family: .siren(omegaFirst: 30, omegaHidden: 30), dimensions: [2, 12, 10, 3]), seed: 1)
    }

    func testSirenWithDifferentOmegasAndWidthsNotMultipleOf16() throws {
        try check(Architecture(family: .siren(omegaFirst: 7, omegaHidden: 3), dimensions: [2, 19, 33, 5, 2]), seed: 2)
    }

    func testFourierFeatureReluGradient() throws {
        try check(Architecture(family: .fourierFeatures(features: 9, sigma: 2), dimensions: [2, 16, 12, 3]), seed: 3)
    }

    func testGaussianGradient() throws {
        try check(Architecture(family: .gaussian(scale: 1.5), dimensions: [2, 16, 12, 1]), seed: 4)
    }

    func testActivatedLastLayerGradient() throws {
        try check(
            Architecture(family: .siren(omegaFirst: 5, omegaHidden: 5), dimensions: [2, 8, 3], activatesLastLayer: true),
            seed: 5)
    }

    /// dL/d(input) against finite differences in the inputs: what a decoder hands back to a shared encoder.
    func testInputGradient() throws {
        let network = try Network(architecture: Architecture(family: .gaussian(scale: 1), dimensions: [2, 9, 2]), seed: 6)
        let (x, t) = problem(rows: 5, outputs: 2, seed: 7)
        let workspace = try Workspace(architecture: network.architecture, capacity: 5, threads: 2, blockRows: 2)
        var parameterGradient = [Float](repeating: 0, count: network.layout.count)
        var inputGradient = [Float](repeating: 1, count: 10)  // accumulated onto: expect 1 + dL/dx
        try x.values.withUnsafeBufferPointer { input in
            try t.values.withUnsafeBufferPointer { target in
                let output = try network.forward(input: input.baseAddress!, rows: 5, workspace: workspace)
                _ = MeanSquaredError.lossGradient(
                    output: output, target: target.baseAddress!, totalCount: 10, workspace: workspace)
                try parameterGradient.withUnsafeMutableBufferPointer { g in
                    try inputGradient.withUnsafeMutableBufferPointer { dx in
                        try network.backward(
                            input: input.baseAddress!, outputGradient: output.baseAddress!, workspace: workspace,
                            gradient: g.baseAddress!, accumulate: false, inputGradient: dx.baseAddress!,
                            accumulateInputGradient: true)
                    }
                }
            }
        }
        let reference = ReferenceNetwork(network)
        var inputs = doubleRows(x)
        let targets = doubleRows(t)
        let h = 1e-6
        var expected = [Double]()
        for i in 0..<5 {
            for j in 0..<2 {
                let saved = inputs[i][j]
                inputs[i][j] = saved + h
                let plus = reference.meanSquaredError(inputs, targets)
                inputs[i][j] = saved - h
                let minus = reference.meanSquaredError(inputs, targets)
                inputs[i][j] = saved
                expected.append(1 + (plus - minus) / (2 * h))
            }
        }
        XCTAssertLessThan(relativeMaxError(inputGradient, expected), 1e-4)
    }

    /// Splitting into encoder and decoder, then running decoder ∘ encoder, gives the same outputs and gradient.
    func testEncoderDecoderSplitComposes() throws {
        let network = try Network(architecture: Architecture.siren(outputs: 2, width: 16, layers: 4), seed: 8)
        let (encoder, decoder) = try network.split()
        XCTAssertEqual(encoder.architecture.dimensions, [2, 16, 16, 16])
        XCTAssertEqual(decoder.architecture.dimensions, [16, 2])
        XCTAssertEqual(encoder.parameters + decoder.parameters, network.parameters)
        let (x, t) = problem(rows: 11, outputs: 2, seed: 9)
        let (_, fullGradient) = try meanSquaredErrorGradient(network, x, t)

        let encoderWorkspace = try Workspace(architecture: encoder.architecture, capacity: 11, threads: 2)
        let decoderWorkspace = try Workspace(architecture: decoder.architecture, capacity: 11, threads: 2)
        var encoderGradient = [Float](repeating: 0, count: encoder.layout.count)
        var decoderGradient = [Float](repeating: 0, count: decoder.layout.count)
        var features = [Float](repeating: 0, count: 11 * 16)
        try x.values.withUnsafeBufferPointer { input in
            let h = try encoder.forward(input: input.baseAddress!, rows: 11, workspace: encoderWorkspace)
            features = Array(h)
            try features.withUnsafeMutableBufferPointer { f in
                let y = try decoder.forward(input: f.baseAddress!, rows: 11, workspace: decoderWorkspace)
                t.values.withUnsafeBufferPointer { target in
                    _ = MeanSquaredError.lossGradient(
                        output: y, target: target.baseAddress!, totalCount: 22, workspace: decoderWorkspace)
                }
                var dh = [Float](repeating: 0, count: 11 * 16)
                try decoderGradient.withUnsafeMutableBufferPointer { g in
                    try dh.withUnsafeMutableBufferPointer { dh in
                        try decoder.backward(
                            input: f.baseAddress!, outputGradient: y.baseAddress!, workspace: decoderWorkspace,
                            gradient: g.baseAddress!, accumulate: false, inputGradient: dh.baseAddress!)
                    }
                }
                try encoderGradient.withUnsafeMutableBufferPointer { g in
                    try dh.withUnsafeBufferPointer { dh in
                        try encoder.backward(
                            input: input.baseAddress!, outputGradient: dh.baseAddress!, workspace: encoderWorkspace,
                            gradient: g.baseAddress!, accumulate: false)
                    }
                }
            }
        }
        XCTAssertLessThan(relativeMaxError(encoderGradient + decoderGradient, fullGradient.map(Double.init)), 1e-5)
    }
}
