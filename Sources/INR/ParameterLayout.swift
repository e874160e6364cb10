/// Where each layer's tensors live in the flat parameter vector θ (and in gradients and Adam moments, which
/// share the layout): layer k's weight W_k (outputs × inputs, row-major) then its bias b_k (outputs).
public struct ParameterLayout: Equatable, Sendable {
    /// One dense layer's place in θ.
    public struct Layer: Equatable, Sendable {
        public let inputs: Int
        public let outputs: Int
        public let weightOffset: Int
        public var biasOffset: Int { weightOffset + inputs * outputs }
        public var end: Int { biasOffset + outputs }
    }

    public let layers: [Layer]
    /// Total number of parameters.
    public var count: Int { layers.last?.end ?? 0 }

    public init(_ architecture: Architecture) {
        var offset = 0
        layers = (0..<architecture.layerCount).map { k in
            let layer = Layer(
                inputs: architecture.inputs(ofLayer: k), outputs: architecture.outputs(ofLayer: k), weightOffset: offset)
            offset = layer.end
            return layer
        }
    }

    /// The safetensors / PyTorch names of layer k's tensors.
    public static func weightName(_ k: Int) -> String { "layers.\(k).weight" }
    public static func biasName(_ k: Int) -> String { "layers.\(k).bias" }
}
