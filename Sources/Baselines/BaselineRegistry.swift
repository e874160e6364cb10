import Operators

/// The registered classical baselines, by name. A problem file's `baselines:` list, e.g.
/// `[{name: cg, lambda: 0.001}, {name: tv, weight: 0.02}]`, is built here; unknown names and parameters are
/// rejected with the list of valid ones, as for operators. The ``Operators/BuildContext`` is not used.
public let baselineRegistry = Registry<any Reconstructor>(kind: "baseline", entries: [
    RegistryEntry(name: "adjoint", summary: "x̂ = Aᵀy (any operator)", parameters: []) { _, _ in
        AdjointBaseline()
    },
    RegistryEntry(
        name: "cg", summary: "x̂ = argmin ½‖Ax − y‖² + (λ/2)‖x‖²: conjugate gradients on (AᵀA + λI)x = Aᵀy (any operator)",
        parameters: [
            ParameterSpec("lambda", "number ≥ 0, default 0.001", "Tikhonov weight λ"),
            ParameterSpec("iterations", "integer ≥ 1, default 100", "largest number of CG steps"),
            ParameterSpec("tolerance", "number ≥ 0, default 1e-6", "stop when ‖residual‖ ≤ tolerance · ‖Aᵀy‖"),
        ]
    ) { parameters, _ in
        try ConjugateGradientBaseline(lambda: parameters.number("lambda", default: 1e-3),
                                      iterations: parameters.integer("iterations", default: 100),
                                      tolerance: parameters.number("tolerance", default: 1e-6))
    },
    RegistryEntry(name: "bicubic", summary: "x̂ = bicubic enlargement of y to the image size (downsample and resize only)",
                  parameters: []) { _, _ in
        BicubicBaseline()
    },
    RegistryEntry(
        name: "fbp", summary: "x̂ = (π/n) Σ_k (h ∗ y_k)(x cos θ_k + y sin θ_k): filtered back-projection (radon only)",
        parameters: [ParameterSpec("filter", "one of ramp|shepp_logan|hann, default ramp", "window of the ramp filter")]
    ) { parameters, _ in
        FilteredBackProjectionBaseline(filter: try parameters.choice("filter", default: .ramp))
    },
    RegistryEntry(name: "zero_filled", summary: "x̂ = Re F⁻¹(M ⊙ y): inverse FFT, unsampled k-space 0 (mri only)",
                  parameters: []) { _, _ in
        ZeroFilledBaseline()
    },
    RegistryEntry(
        name: "tv", summary: "x̂ = argmin ½‖Ax − y‖² + w·TV(x) [x ∈ [0,1]]: isotropic TV per channel, Chambolle–Pock (any operator)",
        parameters: [
            ParameterSpec("weight", "number ≥ 0, default 0.01", "TV weight w (intensities in [0, 1])"),
            ParameterSpec("iterations", "integer ≥ 1, default 300", "primal–dual steps"),
            ParameterSpec("clip", "one of true|false, default true", "constrain x to [0, 1]"),
        ]
    ) { parameters, _ in
        let clip: Toggle = try parameters.choice("clip", default: .on)
        return try TotalVariationBaseline(weight: parameters.number("weight", default: 0.01),
                                          iterations: parameters.integer("iterations", default: 300),
                                          clip: clip == .on)
    },
    RegistryEntry(
        name: "bm3d",
        summary: "x̂ = BM3D(y): block matching, 3-D hard thresholding then Wiener filtering (Dabov et al. 2007; identity only)",
        parameters: [
            ParameterSpec("sigma", "number > 0, default: estimated from y", "noise standard deviation (intensities in [0, 1])"),
        ]
    ) { parameters, _ in
        try BM3DBaseline(sigma: parameters.has("sigma") ? parameters.number("sigma") : nil)
    },
    RegistryEntry(
        name: "pnp",
        summary: "x̂ = plug-and-play HQS: x ← (AᵀA + ρ_k I)⁻¹(Aᵀy + ρ_k z), z ← D_σk(x), σ_k geometric, ρ_k = λσ_n²/σ_k² (any operator)",
        parameters: [
            ParameterSpec("denoiser", "one of bm3d|tv, default bm3d", "the denoiser D_σ"),
            ParameterSpec("iterations", "integer ≥ 1, default 16", "HQS iterations K"),
            ParameterSpec("noise", "number > 0, default 0.01", "noise level σ_n of the measurement"),
            ParameterSpec("sigma_start", "number > 0, default 0.2", "the denoiser's first σ"),
            ParameterSpec("sigma_end", "number > 0, default: noise", "the denoiser's last σ"),
            ParameterSpec("lambda", "number > 0, default 0.25", "prior weight λ in ρ_k = λσ_n²/σ_k²"),
            ParameterSpec("cg_iterations", "integer ≥ 1, default 30", "CG steps per data step (operators without a closed form)"),
        ]
    ) { parameters, _ in
        let choice: PlugAndPlayDenoiser = try parameters.choice("denoiser", default: .bm3d)
        return try PlugAndPlayBaseline(
            denoiser: choice == .bm3d ? try BM3DBaseline() : TotalVariationDenoiser(),
            iterations: parameters.integer("iterations", default: 16), noise: parameters.number("noise", default: 0.01),
            sigmaStart: parameters.number("sigma_start", default: 0.2),
            sigmaEnd: parameters.has("sigma_end") ? parameters.number("sigma_end") : nil,
            lambda: parameters.number("lambda", default: 0.25), cgIterations: parameters.integer("cg_iterations", default: 30))
    },
])

/// The denoisers a `pnp` baseline can plug in.
enum PlugAndPlayDenoiser: String, CaseIterable {
    case bm3d, tv
}

/// A yes/no parameter as written in a problem file (YAML `true`/`false` arrive as strings).
enum Toggle: String, CaseIterable {
    case on = "true", off = "false"
}
