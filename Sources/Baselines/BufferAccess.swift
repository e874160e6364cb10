/// Calls `body` with the buffers of `source` (read) and `target` (written); returns what it returns.
@discardableResult
func withBuffers<Result>(_ source: [Float], into target: inout [Float],
                         _ body: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Result) -> Result {
    source.withUnsafeBufferPointer { s in target.withUnsafeMutableBufferPointer { t in body(s, t) } }
}
