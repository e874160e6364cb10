import Foundation

/// Everything one forward + backward pass of a network needs, allocated once for up to `capacity` rows and
/// reused by every step: after construction a training step allocates nothing (``bufferAddresses`` stays the same).
///
/// For dense layer k with `outputs_k` columns it holds one `capacity × outputs_k` matrix of activations
/// (h_k = σ(z_k), or z_k itself for a linear layer) and, for activated layers, one for σ'(z_k). Backward
/// consumes them in place: σ'(z_k) is overwritten by dL/dz_k, and h_{k−1} (dead once dL/dW_k is formed) by
/// dL/dh_{k−1}. Memory: Σ_k rows × outputs_k × (1 or 2) floats, e.g. 2 × 5 × N × 256 for the 6 × 256 SIREN.
public final class Workspace: @unchecked Sendable {
    /// The most rows one pass can take.
    public let capacity: Int
    /// Threads the passes split the rows over (each thread runs single-threaded sgemm on its rows).
    public let threads: Int
    /// The architecture this workspace was shaped for.
    public let architecture: Architecture
    /// Rows of the most recent forward pass.
    public internal(set) var rows = 0
    /// Whether the activations of the last forward pass are intact (backward consumes them).
    var holdsForwardPass = false

    let activations: [Buffer<Float>]
    let derivatives: [Buffer<Float>?]
    let encoding: Buffer<Float>?
    /// Per thread: weight gradients of its rows (θ's layout; the bias slots are unused).
    let gradientPartials: Buffer<Float>
    /// Per thread: bias gradients (column sums) of its rows, layer after layer, in Double.
    let biasSums: Buffer<Double>
    /// Per thread: Float column sums of up to 64 rows.
    let blockSums: Buffer<Float>
    /// Per thread: its part of the loss.
    let lossPartials: Buffer<Double>
    /// Number of biases of all layers.
    let biasCount: Int
    /// The widest layer.
    let widest: Int
    /// Rows a thread takes through a product and its elementwise pass at a time (so both meet in cache).
    public let blockRows: Int

    /// Allocates the buffers for `architecture` and up to `capacity` rows per pass; `threads` defaults to the
    /// number of active processors; `blockRows` is the rows a thread takes through a layer at a time.
    public init(architecture: Architecture, capacity: Int, threads: Int? = nil, blockRows: Int = 512) throws {
        try architecture.validate()
        guard capacity >= 1 else {
            throw INRError.invalidConfiguration(field: "workspace capacity", problem: "is \(capacity); expected ≥ 1 rows")
        }
        self.architecture = architecture
        self.capacity = capacity
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let layers = 0..<architecture.layerCount
        activations = layers.map { Buffer(count: capacity * architecture.outputs(ofLayer: $0), repeating: 0) }
        derivatives = layers.map { k in
            architecture.activation(ofLayer: k) == .identity
                ? nil : Buffer(count: capacity * architecture.outputs(ofLayer: k), repeating: 0)
        }
        encoding = architecture.inputs(ofLayer: 0) == architecture.dimensions[0]
            ? nil : Buffer(count: capacity * architecture.inputs(ofLayer: 0), repeating: 0)
        widest = architecture.dimensions.max() ?? 1
        let layout = ParameterLayout(architecture)
        biasCount = layout.layers.reduce(0) { $0 + $1.outputs }
        gradientPartials = Buffer(count: self.threads * layout.count, repeating: 0)
        biasSums = Buffer(count: self.threads * biasCount, repeating: 0)
        blockSums = Buffer(count: self.threads * widest, repeating: 0)
        lossPartials = Buffer(count: self.threads, repeating: 0)
        self.blockRows = max(1, blockRows)
    }

    /// Threads used for `rows` rows.
    func parts(rows: Int) -> Int { max(1, min(threads, rows)) }

    /// First row of thread `part`'s range (as ``forEachPart(count:parts:_:)`` splits).
    func partStart(_ part: Int, rows: Int) -> Int { rows * part / parts(rows: rows) }

    /// The network output of the most recent forward pass: `rows × outputs`, row-major. Writable, so a loss
    /// may overwrite it with dL/d(output) and hand it straight to backward.
    public var output: UnsafeMutableBufferPointer<Float> {
        let last = architecture.layerCount - 1
        return UnsafeMutableBufferPointer(
            start: activations[last].address, count: rows * architecture.outputs(ofLayer: last))
    }

    /// The base address of every buffer (they must not change from step to step).
    public var bufferAddresses: [UnsafeMutableRawPointer] {
        let floats = activations + derivatives.compactMap { $0 } + [encoding, gradientPartials, blockSums].compactMap { $0 }
        return floats.map { UnsafeMutableRawPointer($0.address) }
            + [biasSums, lossPartials].map { UnsafeMutableRawPointer($0.address) }
    }
}
