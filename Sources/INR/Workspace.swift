import Foundation
import Parallelism

/// Everything one forward + backward pass of a network needs, allocated once for up to `capacity` rows and
/// reused by every step: after construction a training step allocates nothing (``bufferAddresses`` stays the same).
///
/// A pass splits its rows into *shards*, contiguous ranges fixed by the number of rows and `blockRows` alone
/// (``shard(_:rows:)``); the `threads` workers share the shards out, and every reduction over rows (weight and
/// bias gradients, the loss) is a sum of per-shard partial sums taken in shard order. Each block's products are
/// single-threaded sgemm calls (OpenBLAS is held at one thread for the process from the first workspace on:
/// ``BLASRuntime``). So for one build, one OpenBLAS kernel family and one `capacity`/`blockRows` layout, the
/// gradient, the loss and every later bit of a fit are the same on 1, 2 or 64 threads; another layout or family
/// changes them by float rounding.
///
/// For dense layer k with `outputs_k` columns it holds one `capacity × outputs_k` matrix of activations
/// (h_k = σ(z_k), or z_k itself for a linear layer) and, for activated layers, one for σ'(z_k). Backward
/// consumes them in place: σ'(z_k) is overwritten by dL/dz_k, and h_{k−1} (dead once dL/dW_k is formed) by
/// dL/dh_{k−1}. Memory: Σ_k rows × outputs_k × (1 or 2) floats, e.g. 2 × 5 × N × 256 for the 6 × 256 SIREN.
public final class Workspace: @unchecked Sendable {
    /// The most rows one pass can take.
    public let capacity: Int
    /// Threads the passes share the shards among (each runs single-threaded sgemm on its shards' rows).
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
    /// Per shard: weight gradients of its rows (θ's layout; the bias slots are unused).
    let gradientPartials: Buffer<Float>
    /// Per shard: bias gradients (column sums) of its rows, layer after layer, in Double.
    let biasSums: Buffer<Double>
    /// Per thread: Float column sums of up to 64 rows (scratch).
    let blockSums: Buffer<Float>
    /// Per shard: its part of the loss.
    let lossPartials: Buffer<Double>
    /// The most shards a pass of up to `capacity` rows has.
    let shardCapacity: Int
    /// Hands the shards of a pass out to the threads.
    let shardQueue = ShardQueue()
    /// Number of biases of all layers.
    let biasCount: Int
    /// The widest layer.
    let widest: Int
    /// Rows a thread takes through a product and its elementwise pass at a time (so both meet in cache).
    public let blockRows: Int

    /// Allocates the buffers for `architecture` and up to `capacity` rows per pass; `threads` defaults to
    /// ``ComputeThreads/available``; `blockRows` is the rows a thread takes through a layer at a time.
    public init(architecture: Architecture, capacity: Int, threads: Int? = nil, blockRows: Int = 512) throws {
        try architecture.validate()
        BLASRuntime.useCallingThreadOnly()  // the passes call sgemm from several threads, each on its own rows
        guard capacity >= 1 else {
            throw INRError.invalidConfiguration(field: "workspace capacity", problem: "is \(capacity); expected ≥ 1 rows")
        }
        self.architecture = architecture
        self.capacity = capacity
        self.threads = max(1, threads ?? ComputeThreads.available)
        self.blockRows = max(1, blockRows)
        shardCapacity = min(Self.maximumShards, (capacity + 4 * self.blockRows - 1) / (4 * self.blockRows))
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
        gradientPartials = Buffer(count: shardCapacity * layout.count, repeating: 0)
        biasSums = Buffer(count: shardCapacity * biasCount, repeating: 0)
        blockSums = Buffer(count: self.threads * widest, repeating: 0)
        lossPartials = Buffer(count: shardCapacity, repeating: 0)
    }

    /// Bytes a workspace takes per row of capacity: the activations and σ' buffers (and the Fourier encoding) of
    /// every layer, 4 bytes a float. A workspace of C rows takes about C times this, plus the per-shard gradients.
    public static func bytesPerRow(of architecture: Architecture) -> Int {
        var floats = 0
        for k in 0..<architecture.layerCount {
            floats += architecture.outputs(ofLayer: k) * (architecture.activation(ofLayer: k) == .identity ? 1 : 2)
        }
        if architecture.inputs(ofLayer: 0) != architecture.dimensions[0] { floats += architecture.inputs(ofLayer: 0) }
        return 4 * floats
    }

    /// The most shards of any pass; their partial gradients are kept side by side.
    static let maximumShards = 32

    /// Rows of each shard of a pass of `rows` rows: four blocks, or more (whole blocks) where four would make more
    /// than ``maximumShards`` shards.
    func shardRows(rows: Int) -> Int {
        let even = (rows + Self.maximumShards - 1) / Self.maximumShards
        return max(4 * blockRows, (even + blockRows - 1) / blockRows * blockRows)
    }

    /// The number of shards of a pass of `rows` rows (≤ ``shardCapacity`` for rows ≤ `capacity`).
    func shardCount(rows: Int) -> Int { (rows + shardRows(rows: rows) - 1) / shardRows(rows: rows) }

    /// The rows of shard `k` of a pass of `rows` rows.
    func shard(_ k: Int, rows: Int) -> Range<Int> {
        let size = shardRows(rows: rows)
        return (k * size)..<min((k + 1) * size, rows)
    }

    /// Runs `body(worker, shard, rows)` for every shard of a pass of `rows` rows, on up to `threads` workers.
    func forEachShard(rows: Int, _ body: (_ worker: Int, _ shard: Int, _ rows: Range<Int>) -> Void) {
        Parallelism.forEachShard(shardCount(rows: rows), workers: threads, queue: shardQueue) { worker, k in body(worker, k, shard(k, rows: rows)) }
    }

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
