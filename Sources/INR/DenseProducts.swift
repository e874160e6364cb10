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

extension DenseProducts {
    /// The weight gradient dW = dZᵀ·X with its long contraction (K = N rows) split in two halves computed
    /// concurrently by single-threaded sgemm calls, then added: dW = dZ₁ᵀ·X₁ + dZ₂ᵀ·X₂. `scratch` holds
    /// outputs × inputs floats. OpenBLAS's own threading of this transposed shape is erratic; this is steadier.
    public static func weightGradientSplittingRows(
        rows: Int, inputs: Int, outputs: Int,
        dz: UnsafePointer<Float>, x: UnsafePointer<Float>, dw: UnsafeMutablePointer<Float>, accumulate: Bool,
        scratch: UnsafeMutablePointer<Float>
    ) {
        let half = rows / 2
        let blasThreads = openblas_get_num_threads()
        openblas_set_num_threads(1)
        forEachPart(count: 2, parts: 2) { part, _ in
            if part == 0 {
                weightGradient(rows: half, inputs: inputs, outputs: outputs, dz: dz, x: x, dw: dw, accumulate: accumulate)
            } else {
                weightGradient(
                    rows: rows - half, inputs: inputs, outputs: outputs, dz: dz + half * outputs, x: x + half * inputs,
                    dw: scratch, accumulate: false)
            }
        }
        openblas_set_num_threads(blasThreads)
        for i in 0..<(inputs * outputs) { dw[i] += scratch[i] }
    }
}
