import Foundation
import SeededRandom

/// A multilayer perceptron f_θ: its ``Architecture``, its trainable parameters θ (flat, laid out by
/// ``ParameterLayout``) and, for Fourier-feature networks, the fixed random matrix B of the input encoding.
public struct Network: Sendable {
    public let architecture: Architecture
    public let layout: ParameterLayout
    /// θ: every layer's weight (outputs × inputs, row-major) then bias, layer after layer.
    public var parameters: [Float]
    /// B (features × inputs) of γ(v) = [cos(2πBv), sin(2πBv)]; `nil` unless the family is Fourier features.
    public let fourierMatrix: Matrix?

    /// A freshly initialised network; same `seed`, same bits. Draw order: B (Fourier only, row-major), then per
    /// layer its weight (row-major) then its bias.
    ///
    /// - SIREN (Sitzmann et al. 2020): first W ~ U(−1/in, 1/in); others W ~ U(−√(6/in)/ω0, √(6/in)/ω0) with the
    ///   hidden ω0; biases ~ U(−1/√in, 1/√in) as PyTorch's `nn.Linear`.
    /// - Fourier features, Gaussian, ReLU: W and b ~ U(−1/√in, 1/√in) (PyTorch's `nn.Linear` default);
    ///   B ~ N(0, σ²).
    public init(architecture: Architecture, seed: UInt64) throws {
        try architecture.validate()
        var random = RandomSource(seed: seed)
        if case let .fourierFeatures(features, sigma) = architecture.family {
            let inputs = architecture.dimensions[0]
            fourierMatrix = try Matrix(
                rows: features, columns: inputs,
                values: (0..<(features * inputs)).map { _ in Float(Double(sigma) * random.standardNormal()) })
        } else {
            fourierMatrix = nil
        }
        self.architecture = architecture
        layout = ParameterLayout(architecture)
        var theta = [Float]()
        theta.reserveCapacity(layout.count)
        for (k, layer) in layout.layers.enumerated() {
            let fanIn = Float(layer.inputs)
            let weightBound: Float
            switch architecture.family {
            case let .siren(_, omegaHidden): weightBound = k == 0 ? 1 / fanIn : (6 / fanIn).squareRoot() / omegaHidden
            case .fourierFeatures, .gaussian, .relu: weightBound = 1 / fanIn.squareRoot()
            }
            for _ in 0..<(layer.inputs * layer.outputs) { theta.append(random.uniform(-weightBound, weightBound)) }
            let biasBound = 1 / fanIn.squareRoot()
            for _ in 0..<layer.outputs { theta.append(random.uniform(-biasBound, biasBound)) }
        }
        parameters = theta
    }

    /// A network with given parameters (e.g. read from a checkpoint); throws when the sizes do not match.
    public init(architecture: Architecture, parameters: [Float], fourierMatrix: Matrix? = nil) throws {
        try architecture.validate()
        let layout = ParameterLayout(architecture)
        guard parameters.count == layout.count else {
            throw INRError.shapeMismatch(
                what: "network parameters", expected: "\(layout.count) values", found: "\(parameters.count)")
        }
        if case let .fourierFeatures(features, _) = architecture.family {
            guard let b = fourierMatrix, b.rows == features, b.columns == architecture.dimensions[0] else {
                throw INRError.shapeMismatch(
                    what: "Fourier matrix B", expected: "\(features) × \(architecture.dimensions[0])",
                    found: fourierMatrix.map { "\($0.rows) × \($0.columns)" } ?? "none")
            }
        }
        self.architecture = architecture
        self.layout = layout
        self.parameters = parameters
        self.fourierMatrix = fourierMatrix
    }

    /// W_k (outputs × inputs).
    public func weight(ofLayer k: Int) -> Matrix {
        let layer = layout.layers[k]
        return Matrix(
            uncheckedRows: layer.outputs, columns: layer.inputs,
            values: Array(parameters[layer.weightOffset..<layer.biasOffset]))
    }

    /// b_k (outputs).
    public func bias(ofLayer k: Int) -> [Float] {
        let layer = layout.layers[k]
        return Array(parameters[layer.biasOffset..<layer.end])
    }

    /// Splits f = decoder ∘ encoder at `architecture.encoderDepth`: the encoder (its last layer activated) maps
    /// coordinates to features, the decoder maps features to outputs. Their parameters concatenate to θ.
    public func split() throws -> (encoder: Network, decoder: Network) {
        let depth = architecture.encoderDepth
        guard depth >= 1 && depth < architecture.layerCount else {
            throw INRError.invalidArchitecture(
                field: "encoder depth", problem: "is \(depth); a split needs 1…\(architecture.layerCount - 1)")
        }
        let encoderArchitecture = try Architecture(
            family: architecture.family, dimensions: Array(architecture.dimensions[...depth]),
            activatesLastLayer: true, encoderDepth: depth)
        let decoderFamily: Family
        switch architecture.family {
        case let .siren(_, omegaHidden): decoderFamily = .siren(omegaFirst: omegaHidden, omegaHidden: omegaHidden)
        case .fourierFeatures: decoderFamily = .relu
        case .gaussian, .relu: decoderFamily = architecture.family
        }
        let decoderArchitecture = try Architecture(
            family: decoderFamily, dimensions: Array(architecture.dimensions[depth...]),
            activatesLastLayer: architecture.activatesLastLayer, encoderDepth: 0)
        let cut = layout.layers[depth].weightOffset
        return (
            try Network(architecture: encoderArchitecture, parameters: Array(parameters[..<cut]),
                        fourierMatrix: fourierMatrix),
            try Network(architecture: decoderArchitecture, parameters: Array(parameters[cut...]))
        )
    }
}
