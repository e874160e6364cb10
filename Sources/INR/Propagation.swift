/// Forward and backward propagation through a ``Network`` by hand, on the buffers of a ``Workspace``.
///
/// Layer k: z_k = h_{k−1}·W_kᵀ + b_k, h_k = σ_k(z_k), h_{−1} = input (or its Fourier encoding γ(input)).
/// Backward, given G = dL/d(output) (rows × outputs):
///   dz_k = dh_k ⊙ σ'_k(z_k),  dL/dW_k = dz_kᵀ·h_{k−1},  dL/db_k = Σ_rows dz_k,  dh_{k−1} = dz_k·W_k.
/// The parameter gradient has the layout of θ (``ParameterLayout``). Chunks of rows may be processed one after
/// another with `accumulate: true`: the result is the sum of the per-chunk gradients, i.e. the full-batch gradient.
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
        let architecture = self.architecture
        parameters.withUnsafeBufferPointer { theta in
            var x = input
            if let fourierMatrix, let encoding = workspace.encoding {
                let features = fourierMatrix.rows
                fourierMatrix.values.withUnsafeBufferPointer { b in
                    DenseProducts.forward(
                        rows: rows, inputs: fourierMatrix.columns, outputs: features, x: input,
                        weight: b.baseAddress!, z: encoding.address, leadingDimension: 2 * features)
                }
                forEachPart(count: rows, parts: workspace.threads) { _, part in
                    ElementwisePasses.fourierEncode(rows: part, features: features, values: encoding.address)
                }
                x = UnsafePointer(encoding.address)
            }
            for (k, layer) in layout.layers.enumerated() {
                let activation = architecture.activation(ofLayer: k)
                let h = workspace.activations[k].address
                let z = workspace.derivatives[k]?.address ?? h
                DenseProducts.forward(
                    rows: rows, inputs: layer.inputs, outputs: layer.outputs, x: x,
                    weight: theta.baseAddress! + layer.weightOffset, z: z, leadingDimension: layer.outputs)
                let bias = theta.baseAddress! + layer.biasOffset
                forEachPart(count: rows, parts: workspace.threads) { _, part in
                    ElementwisePasses.activate(activation, rows: part, width: layer.outputs, z: z, h: h, bias: bias)
                }
                x = UnsafePointer(h)
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
        parameters.withUnsafeBufferPointer { theta in
            var incoming = outputGradient
            for k in layout.layers.indices.reversed() {
                let layer = layout.layers[k]
                let weight = theta.baseAddress! + layer.weightOffset
                let dz = workspace.derivatives[k]?.address
                biasGradient(
                    rows: rows, width: layer.outputs, incoming: incoming, derivative: dz, workspace: workspace,
                    into: gradient + layer.biasOffset, accumulate: accumulate)
                let dzOut = dz.map { UnsafePointer($0) } ?? incoming
                let x: UnsafePointer<Float> =
                    k > 0 ? UnsafePointer(workspace.activations[k - 1].address)
                    : workspace.encoding.map { UnsafePointer($0.address) } ?? input
                DenseProducts.weightGradient(
                    rows: rows, inputs: layer.inputs, outputs: layer.outputs, dz: dzOut, x: x,
                    dw: gradient + layer.weightOffset, accumulate: accumulate)
                if k > 0 {
                    let dh = workspace.activations[k - 1].address  // h_{k−1} is dead now: reuse it for dh_{k−1}
                    DenseProducts.inputGradient(
                        rows: rows, inputs: layer.inputs, outputs: layer.outputs, dz: dzOut, weight: weight,
                        dx: dh, accumulate: false)
                    incoming = UnsafePointer(dh)
                } else if let inputGradient {
                    DenseProducts.inputGradient(
                        rows: rows, inputs: layer.inputs, outputs: layer.outputs, dz: dzOut, weight: weight,
                        dx: inputGradient, accumulate: accumulateInputGradient)
                }
            }
        }
    }

    /// dz = incoming ⊙ σ' (in place over σ' when there is one) and its column sums, the bias gradient.
    private func biasGradient(
        rows: Int, width: Int, incoming: UnsafePointer<Float>, derivative: UnsafeMutablePointer<Float>?,
        workspace: Workspace, into bias: UnsafeMutablePointer<Float>, accumulate: Bool
    ) {
        let parts = max(1, min(workspace.threads, rows))
        let stride = workspace.columnSums.pointer.count / workspace.threads
        let sums = workspace.columnSums.address
        let blocks = workspace.blockSums.address
        forEachPart(count: rows, parts: parts) { part, range in
            ElementwisePasses.gradientThroughActivation(
                rows: range, width: width, incoming: incoming, derivative: derivative,
                blockSums: blocks + part * stride, columnSums: sums + part * stride)
        }
        for j in 0..<width {
            var total = accumulate ? Double(bias[j]) : 0
            for part in 0..<parts { total += sums[part * stride + j] }
            bias[j] = Float(total)
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
