import SeededRandom
/// A seeded, elementwise measurement-noise model `y ~ p(· | z)` with `z = Ax` the clean measurement, paired with
/// the negative log-likelihood `L(z; y) = −Σ log p(yᵢ | zᵢ)` (additive constants dropped) and its gradient `∂L/∂z`,
/// so that a solver can fit `z = A f_θ` with the loss that matches the noise.
///
/// Conformers give the per-sample draw and loss; the buffer entry points below loop over them and accumulate
/// the loss in `Double`.
public protocol NoiseModel: Sendable, CustomStringConvertible {
    /// One noisy sample of the clean value `z`.
    func sample(_ z: Float, using generator: inout RandomSource) -> Float
    /// `(ℓ(z; y), ∂ℓ/∂z)` for one sample.
    func loss(prediction z: Double, measurement y: Double) -> (value: Double, derivative: Double)
    /// `Var[y | z]`, the spread of a measurement about its clean value `z`: the unit of ``discrepancy(prediction:measurement:)``.
    func variance(at z: Double) -> Double
    /// False for models of intensities (counts, impulses) that make no sense on the real and imaginary parts of a
    /// complex measurement. Default true.
    var appliesToComplexMeasurements: Bool { get }
}

extension NoiseModel {
    public var appliesToComplexMeasurements: Bool { true }

    /// `noisy ← y ~ p(· | clean)`, samples drawn in index order from `generator`.
    public func sample(_ clean: UnsafeBufferPointer<Float>, into noisy: UnsafeMutableBufferPointer<Float>,
                       using generator: inout RandomSource) {
        for i in clean.indices { noisy[i] = sample(clean[i], using: &generator) }
    }

    /// A noisy copy of `clean`; the same seed gives the same bits.
    public func sample(_ clean: [Float], seed: UInt64) -> [Float] {
        var generator = RandomSource(seed: seed)
        var noisy = clean
        clean.withUnsafeBufferPointer { c in noisy.withUnsafeMutableBufferPointer { sample(c, into: $0, using: &generator) } }
        return noisy
    }

    /// The discrepancy `d(z; y) = (1/m) Σᵢ (yᵢ − zᵢ)² / Var[yᵢ | zᵢ]` of `m` samples (Morozov's discrepancy principle).
    ///
    /// At the clean measurement `E[d] = 1`: a fit whose discrepancy has fallen to 1 explains the data down to the
    /// noise, and lowering it further fits the noise itself. A sample of zero variance counts 0 when it is matched
    /// exactly and makes `d` infinite otherwise. Allocation-free.
    public func discrepancy(prediction z: UnsafeBufferPointer<Float>, measurement y: UnsafeBufferPointer<Float>) -> Double {
        var total = 0.0
        for i in z.indices { total += discrepancyTerm(prediction: Double(z[i]), measurement: Double(y[i])) }
        return z.isEmpty ? 0 : total / Double(z.count)
    }

    /// One sample's term of the discrepancy, `(y − z)² / Var[y | z]`: 0 for an exact match of zero variance,
    /// infinite for a mismatch of zero variance.
    public func discrepancyTerm(prediction z: Double, measurement y: Double) -> Double {
        let residual = y - z, variance = variance(at: z)
        return variance > 0 ? residual * residual / variance : (residual == 0 ? 0 : .infinity)
    }

    /// `L(z; y) = Σᵢ ℓ(zᵢ; yᵢ)`; when `gradient` is given, also writes `∂L/∂zᵢ` into it. Allocation-free.
    public func negativeLogLikelihood(prediction z: UnsafeBufferPointer<Float>, measurement y: UnsafeBufferPointer<Float>,
                                      gradient: UnsafeMutableBufferPointer<Float>?) -> Double {
        var total = 0.0
        for i in z.indices {
            let (value, derivative) = loss(prediction: Double(z[i]), measurement: Double(y[i]))
            total += value
            gradient?[i] = Float(derivative)
        }
        return total
    }

    /// `L(z; y)` for arrays; throws when their sizes differ.
    public func negativeLogLikelihood(prediction z: [Float], measurement y: [Float]) throws -> Double {
        try checkSizes(z, y)
        return z.withUnsafeBufferPointer { zs in y.withUnsafeBufferPointer { negativeLogLikelihood(prediction: zs, measurement: $0, gradient: nil) } }
    }

    /// `∂L/∂z` for arrays; throws when their sizes differ.
    public func gradient(prediction z: [Float], measurement y: [Float]) throws -> [Float] {
        try checkSizes(z, y)
        var g = [Float](repeating: 0, count: z.count)
        z.withUnsafeBufferPointer { zs in
            y.withUnsafeBufferPointer { ys in
                g.withUnsafeMutableBufferPointer { _ = negativeLogLikelihood(prediction: zs, measurement: ys, gradient: $0) }
            }
        }
        return g
    }

    private func checkSizes(_ z: [Float], _ y: [Float]) throws {
        guard z.count == y.count else {
            throw OperatorError.invalidParameter(owner: description, parameter: "measurement",
                message: "has \(y.count) samples, the prediction \(z.count)")
        }
    }
}

/// Throws unless `value` is finite and `> 0` (or `≥ 0` when `allowZero`).
func requirePositive(_ value: Double, _ parameter: String, owner: String, allowZero: Bool = false) throws {
    guard value.isFinite, allowZero ? value >= 0 : value > 0 else {
        throw OperatorError.invalidParameter(owner: owner, parameter: parameter,
            message: "must be \(allowZero ? "≥ 0" : "> 0") and finite, got \(value)")
    }
}
