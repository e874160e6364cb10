import Parallelism
/// Forward and backward propagation through a ``Network`` by hand, on the buffers of a ``Workspace``.
///
/// Layer k: z_k = h_{k−1}·W_kᵀ + b_k, h_k = σ_k(z_k), h_{−1} = input (or its Fourier encoding γ(input)).
/// Backward, given G = dL/d(output) (rows × outputs):
///   dz_k = dh_k ⊙ σ'_k(z_k),  dL/dW_k = dz_kᵀ·h_{k−1},  dL/db_k = Σ_rows dz_k,  dh_{k−1} = dz_k·W_k.
/// The parameter gradient has the layout of θ (``ParameterLayout``). Chunks of rows may be processed one after
/// another with `accumulate: true`: the result is the sum of the per-chunk gradients, i.e. the full-batch gradient.
///
/// Parallelism: rows are independent, so the rows are split into the workspace's shards (contiguous ranges fixed
/// by the number of rows, not by the threads) and each thread takes its shards through every layer,
/// ``Workspace/blockRows`` rows at a time, with single-threaded sgemm calls: a block's product and its fused
/// elementwise pass meet in cache, and no thread waits for another until the per-shard parameter gradients are
/// added, in shard order, at the end of backward — the same bits on any number of threads.
extension Network {
    /// Evaluates the network on `rows` input rows starting at `input` (row-major, `architecture.dimensions[0]`
    /// columns), keeping in `workspace` what ``backward(input:outputGradient:workspace:gradient:accumulate:inputGradient:accumulateInputGradient:)``
    /// needs. Returns the output (rows × outputs), which lives in the workspace until the next pass.
    @discardableResult
    public func forward(input: UnsafePointer<Float>, rows: Int, workspace: Workspace) throws
        -> UnsafeMutableBufferPointer<Float>
    {
        try check(workspace, rows: rows)
        workspace.rows = rows
        parameters.withUnsafeBufferPointer { theta in
            fourierMatrix.withUnsafeValues { b in
                forEachBlock(rows: rows, workspace: workspace) { _, _, block, _ in
                    forward(input: input, block: block, theta: theta.baseAddress!, fourierMatrix: b, workspace: workspace)
                }
            }
        }
        workspace.holdsForwardPass = true
        return workspace.output
    }

    /// Back-propagates G = dL/d(output) (`rows × outputs`, may be ``Workspace/output`` itself, overwritten by the
    /// loss) through the forward pass held in `workspace`, whose `input` must be the one given to `forward`.
    ///
    /// Writes dL/dθ into `gradient` (θ's layout), or adds it there when `accumulate`. When `inputGradient` is
    /// given, also forms dL/d(input) (rows × inputs) there, added to its contents when `accumulateInputGradient`
    /// (this is how K decoders sum their gradients at a shared encoder's output). Consumes the workspace:
    /// call forward again before the next backward.
    public func backward(
        input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>, workspace: Workspace,
        gradient: UnsafeMutablePointer<Float>, accumulate: Bool,
        inputGradient: UnsafeMutablePointer<Float>? = nil, accumulateInputGradient: Bool = false
    ) throws {
        guard workspace.holdsForwardPass else {
            throw INRError.invalidConfiguration(
                field: "workspace", problem: "holds no forward pass (backward consumes it); call forward first")
        }
        try check(workspace, rows: workspace.rows)
        if inputGradient != nil && fourierMatrix != nil {
            throw INRError.invalidConfiguration(
                field: "input gradient", problem: "is not available through a Fourier-feature encoding")
        }
        workspace.holdsForwardPass = false
        let rows = workspace.rows
        let count = layout.count
        let biasCount = workspace.biasCount
        workspace.biasSums.pointer.initialize(repeating: 0)
        parameters.withUnsafeBufferPointer { theta in
            forEachBlock(rows: rows, workspace: workspace) { worker, shard, block, firstBlock in
                backward(
                    input: input, outputGradient: outputGradient, block: block, theta: theta.baseAddress!,
                    partial: workspace.gradientPartials.address + shard * count,
                    biasSums: workspace.biasSums.address + shard * biasCount,
                    blockSums: workspace.blockSums.address + worker * workspace.widest,
                    firstBlock: firstBlock,
                    inputGradient: inputGradient, accumulateInputGradient: accumulateInputGradient,
                    workspace: workspace)
            }
        }
        addPartials(workspace: workspace, shards: workspace.shardCount(rows: rows), into: gradient, accumulate: accumulate)
    }

    // MARK: - One block of rows

    private func forward(
        input: UnsafePointer<Float>, block: Range<Int>, theta: UnsafePointer<Float>, fourierMatrix: UnsafePointer<Float>?,
        workspace: Workspace
    ) {
        let first = block.lowerBound
        var x = input + first * architecture.dimensions[0]
        if let fourierMatrix, let encoding = workspace.encoding, case let .fourierFeatures(features, _) = architecture.family {
            let encoded = encoding.address + first * 2 * features
            DenseProducts.forward(
                rows: block.count, inputs: architecture.dimensions[0], outputs: features, x: x, weight: fourierMatrix,
                z: encoded, leadingDimension: 2 * features)
            ElementwisePasses.fourierEncode(rows: 0..<block.count, features: features, values: encoded)
            x = UnsafePointer(encoded)
        }
        for (k, layer) in layout.layers.enumerated() {
            let h = workspace.activations[k].address + first * layer.outputs
            let z = workspace.derivatives[k].map { $0.address + first * layer.outputs } ?? h
            DenseProducts.forward(
                rows: block.count, inputs: layer.inputs, outputs: layer.outputs, x: x, weight: theta + layer.weightOffset,
                z: z, leadingDimension: layer.outputs)
            ElementwisePasses.activate(
                architecture.activation(ofLayer: k), rows: 0..<block.count, width: layer.outputs, z: z, h: h,
                bias: theta + layer.biasOffset)
            x = UnsafePointer(h)
        }
    }

    /// Back-propagates one block, adding its weight gradients to its shard's `partial` (written, not added, on
    /// the shard's first block) and its bias gradients to the shard's `biasSums`.
    private func backward(
        input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>, block: Range<Int>,
        theta: UnsafePointer<Float>, partial: UnsafeMutablePointer<Float>, biasSums: UnsafeMutablePointer<Double>,
        blockSums: UnsafeMutablePointer<Float>, firstBlock: Bool,
        inputGradient: UnsafeMutablePointer<Float>?, accumulateInputGradient: Bool, workspace: Workspace
    ) {
        let first = block.lowerBound
        var incoming = outputGradient + first * architecture.dimensions.last!
        var biasStart = workspace.biasCount
        for k in layout.layers.indices.reversed() {
            let layer = layout.layers[k]
            biasStart -= layer.outputs
            let derivative = workspace.derivatives[k].map { $0.address + first * layer.outputs }
            ElementwisePasses.gradientThroughActivation(
                rows: 0..<block.count, width: layer.outputs, incoming: incoming, derivative: derivative,
                blockSums: blockSums, columnSums: biasSums + biasStart)
            let dz = derivative.map { UnsafePointer($0) } ?? incoming
            let x: UnsafePointer<Float>
            if k > 0 {
                x = UnsafePointer(workspace.activations[k - 1].address + first * layer.inputs)
            } else if let encoding = workspace.encoding {
                x = UnsafePointer(encoding.address + first * layer.inputs)
            } else {
                x = input + first * layer.inputs
            }
            DenseProducts.weightGradient(
                rows: block.count, inputs: layer.inputs, outputs: layer.outputs, dz: dz, x: x,
                dw: partial + layer.weightOffset, accumulate: !firstBlock)
            if k > 0 {
                let dh = workspace.activations[k - 1].address + first * layer.inputs  // h_{k−1} is dead: reuse it
                DenseProducts.inputGradient(
                    rows: block.count, inputs: layer.inputs, outputs: layer.outputs, dz: dz, weight: theta + layer.weightOffset,
                    dx: dh, accumulate: false)
                incoming = UnsafePointer(dh)
            } else if let inputGradient {
                DenseProducts.inputGradient(
                    rows: block.count, inputs: layer.inputs, outputs: layer.outputs, dz: dz, weight: theta + layer.weightOffset,
                    dx: inputGradient + first * layer.inputs, accumulate: accumulateInputGradient)
            }
        }
    }

    /// gradient (+)= Σ over shards, in shard order, of their weight partials (parameters split over the threads);
    /// biases from the Double column sums, likewise in shard order.
    private func addPartials(workspace: Workspace, shards: Int, into gradient: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let count = layout.count
        let partials = workspace.gradientPartials.address
        let sums = workspace.biasSums.address
        var biasStart = 0
        for layer in layout.layers {
            let weights = layer.weightOffset
            forEachPart(count: layer.biasOffset - weights, parts: workspace.threads) { _, range in
                for i in (weights + range.lowerBound)..<(weights + range.upperBound) {
                    var total = accumulate ? gradient[i] : 0
                    for shard in 0..<shards { total += partials[shard * count + i] }
                    gradient[i] = total
                }
            }
            for j in 0..<layer.outputs {
                var total = accumulate ? Double(gradient[layer.biasOffset + j]) : 0
                for shard in 0..<shards { total += sums[shard * workspace.biasCount + biasStart + j] }
                gradient[layer.biasOffset + j] = Float(total)
            }
            biasStart += layer.outputs
        }
    }

    /// Runs `body(worker, shard, block, firstBlock)` over blocks of ≤ `workspace.blockRows` rows, each shard's
    /// blocks in order on one worker; `firstBlock` marks a shard's first.
    private func forEachBlock(
        rows: Int, workspace: Workspace, _ body: (_ worker: Int, _ shard: Int, _ block: Range<Int>, _ firstBlock: Bool) -> Void
    ) {
        workspace.forEachShard(rows: rows) { worker, shard, range in
            var start = range.lowerBound
            while start < range.upperBound {
                let block = start..<min(start + workspace.blockRows, range.upperBound)
                body(worker, shard, block, start == range.lowerBound)
                start = block.upperBound
            }
        }
    }

    private func check(_ workspace: Workspace, rows: Int) throws {
        guard workspace.architecture == architecture else {
            throw INRError.invalidConfiguration(
                field: "workspace", problem: "was made for another architecture (\(workspace.architecture.dimensions))")
        }
        guard (1...workspace.capacity).contains(rows) else {
            throw INRError.invalidConfiguration(
                field: "rows", problem: "is \(rows); the workspace holds 1…\(workspace.capacity)")
        }
    }
}

extension Optional where Wrapped == Matrix {
    /// Runs `body` with a pointer to the matrix's values, or nil.
    func withUnsafeValues<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
        switch self {
        case let .some(matrix): return matrix.values.withUnsafeBufferPointer { body($0.baseAddress) }
        case .none: return body(nil)
        }
    }
}
