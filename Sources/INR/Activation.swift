/// The pointwise nonlinearity σ after a dense layer, h = σ(z) with z = x·Wᵀ + b.
public enum Activation: Equatable, Sendable {
    /// h = z (the linear last layer of every family).
    case identity
    /// h = sin(ω0·z), σ'(z) = ω0·cos(ω0·z) (SIREN, Sitzmann et al. 2020).
    case sine(omega: Float)
    /// h = max(z, 0), σ'(z) = [z > 0] (the MLP after Fourier features, Tancik et al. 2020).
    case relu
    /// h = exp(−(s·z)²), σ'(z) = −2s²·z·h (Ramasinghe & Lucey 2022).
    case gaussian(scale: Float)
}
