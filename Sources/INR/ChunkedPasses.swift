/// Whole-batch operations over a coordinate matrix, processed in chunks of at most `workspace.capacity` rows:
/// evaluation at any resolution, and the gradient of any per-pixel loss as an exact sum of per-chunk gradients.
extension Network {
    /// f(coordinates): an `N × outputs` matrix, computed chunk by chunk (N may exceed the workspace capacity).
    public func evaluate(_ coordinates: Matrix, workspace: Workspace) throws -> Matrix {
        try checkInput(coordinates)
        let outputs = architecture.dimensions.last!
        var result = Matrix(rows: coordinates.rows, columns: outputs)
        try result.values.withUnsafeMutableBufferPointer { out in
            try forEachChunk(of: coordinates, workspace: workspace) { chunk, input in
                let output = try forward(input: input, rows: chunk.count, workspace: workspace)
                (out.baseAddress! + chunk.lowerBound * outputs).update(from: output.baseAddress!, count: output.count)
            }
        }
        return result
    }

    /// Computes dL/dθ into `gradient` (θ's layout) for a loss L = Σ_chunks ℓ(chunk), where `lossGradient(rows,
    /// output)` returns the chunk's loss ℓ and overwrites `output` (the chunk's `rows.count × outputs` network
    /// output) with dL/d(output). Chunks are back-propagated one after another and their gradients summed, so the
    /// result equals the full-batch gradient (up to float rounding). Returns L, summed in Double.
    public func gradient(
        _ coordinates: Matrix, workspace: Workspace, into gradient: inout [Float],
        lossGradient: (_ rows: Range<Int>, _ output: UnsafeMutableBufferPointer<Float>) throws -> Double
    ) throws -> Double {
        try checkInput(coordinates)
        guard gradient.count == layout.count else {
            throw INRError.shapeMismatch(what: "gradient", expected: "\(layout.count) values", found: "\(gradient.count)")
        }
        var loss = 0.0
        try gradient.withUnsafeMutableBufferPointer { g in
            var first = true
            try forEachChunk(of: coordinates, workspace: workspace) { chunk, input in
                let output = try forward(input: input, rows: chunk.count, workspace: workspace)
                loss += try lossGradient(chunk, output)
                try backward(
                    input: input, outputGradient: output.baseAddress!, workspace: workspace,
                    gradient: g.baseAddress!, accumulate: !first)
                first = false
            }
        }
        return loss
    }

    private func forEachChunk(
        of coordinates: Matrix, workspace: Workspace,
        _ body: (_ rows: Range<Int>, _ input: UnsafePointer<Float>) throws -> Void
    ) throws {
        try coordinates.values.withUnsafeBufferPointer { x in
            var start = 0
            while start < coordinates.rows {
                let chunk = start..<min(start + workspace.capacity, coordinates.rows)
                try body(chunk, x.baseAddress! + start * coordinates.columns)
                start = chunk.upperBound
            }
        }
    }

    private func checkInput(_ coordinates: Matrix) throws {
        guard coordinates.columns == architecture.dimensions[0], coordinates.rows >= 1 else {
            throw INRError.shapeMismatch(
                what: "network input", expected: "N ≥ 1 rows × \(architecture.dimensions[0]) columns",
                found: "\(coordinates.rows) × \(coordinates.columns)")
        }
    }
}
