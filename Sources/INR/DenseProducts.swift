import CBLAS

/// The three matrix products of a dense layer y = x·Wᵀ + b, as thin named wrappers over `cblas_sgemm`.
/// All matrices are row-major; `rows` is the batch size N, `W` is `outputs × inputs` (PyTorch convention).
/// The bias is not part of these products: it is fused into the passes that follow or precede them.
public enum DenseProducts {
    /// Forward: Z (N × out) = X (N × in) · Wᵀ; Z's rows are `leadingDimension` ≥ out floats apart.
    @inline(__always)
    public static func forward(
        rows: Int, inputs: Int, outputs: Int,
        x: UnsafePointer<Float>, weight: UnsafePointer<Float>, z: UnsafeMutablePointer<Float>, leadingDimension: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs),
            1, x, Int32(inputs), weight, Int32(inputs), 0, z, Int32(leadingDimension))
    }

    /// Input gradient: dX (N × in) = dZ (N × out) · W, added to the existing dX when `accumulate`.
    @inline(__always)
    public static func inputGradient(
        rows: Int, inputs: Int, outputs: Int,
        dz: UnsafePointer<Float>, weight: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>,
        accumulate: Bool
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(inputs), Int32(outputs),
            1, dz, Int32(outputs), weight, Int32(inputs), accumulate ? 1 : 0, dx, Int32(inputs))
    }

    /// Weight gradient: dW (out × in) = dZᵀ (out × N) · X (N × in), added to the existing dW when `accumulate`.
    /// The contraction runs over the N rows (K = N, the long dimension).
    @inline(__always)
    public static func weightGradient(
        rows: Int, inputs: Int, outputs: Int,
        dz: UnsafePointer<Float>, x: UnsafePointer<Float>, dw: UnsafeMutablePointer<Float>,
        accumulate: Bool
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(outputs), Int32(inputs), Int32(rows),
            1, dz, Int32(outputs), x, Int32(inputs), accumulate ? 1 : 0, dw, Int32(inputs))
    }
}
