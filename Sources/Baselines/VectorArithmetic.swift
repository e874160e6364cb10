/// `Σ uᵢvᵢ` of two flat buffers, accumulated in `Double`.
func dot(_ u: [Float], _ v: [Float]) -> Double {
    var sum = 0.0
    for i in u.indices { sum += Double(u[i]) * Double(v[i]) }
    return sum
}

/// `Σ uᵢ²`, accumulated in `Double`.
func squaredNorm(_ u: [Float]) -> Double { dot(u, u) }

/// Calls `body` with the buffers of `source` (read) and `target` (written); returns what it returns.
@discardableResult
func withBuffers<Result>(_ source: [Float], into target: inout [Float],
                         _ body: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Result) -> Result {
    source.withUnsafeBufferPointer { s in target.withUnsafeMutableBufferPointer { t in body(s, t) } }
}
