/// Register-only FMA throughput kernel: 12 independent chains c ← c + a·b of `V` lanes (enough to cover FMA
/// latency × throughput), 2 flops per lane per FMA. Inlinable so that each caller compiles it for its own CPU
/// target; returns a value that depends on every chain so that nothing is optimised away.
@inlinable @inline(__always)
public func fusedMultiplyAddChains<V: SIMD>(_: V.Type, iterations: Int, seed: Float) -> Float where V.Scalar == Float {
    let a = V(repeating: 0.999_999), b = V(repeating: seed * 1e-7)
    var (c0, c1, c2, c3, c4, c5) = (V(repeating: 0), V(repeating: 1), V(repeating: 2), V(repeating: 3), V(repeating: 4), V(repeating: 5))
    var (c6, c7, c8, c9, c10, c11) = (V(repeating: 6), V(repeating: 7), V(repeating: 8), V(repeating: 9), V(repeating: 10), V(repeating: 11))
    for _ in 0..<iterations {
        c0 = c0.addingProduct(a, b); c1 = c1.addingProduct(a, b); c2 = c2.addingProduct(a, b)
        c3 = c3.addingProduct(a, b); c4 = c4.addingProduct(a, b); c5 = c5.addingProduct(a, b)
        c6 = c6.addingProduct(a, b); c7 = c7.addingProduct(a, b); c8 = c8.addingProduct(a, b)
        c9 = c9.addingProduct(a, b); c10 = c10.addingProduct(a, b); c11 = c11.addingProduct(a, b)
    }
    return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).sum()
}

/// The kernel over SIMD16<Float>, compiled for AVX-512 (this module's target): call it only when the CPU has
/// AVX-512F.
@inline(never)
public func fusedMultiplyAdd512(iterations: Int, seed: Float) -> Float {
    fusedMultiplyAddChains(SIMD16<Float>.self, iterations: iterations, seed: seed)
}
