/// The registered noise models, by name (the `noise:` mapping of a problem file, `strainer simulate --noise`).
/// The seed is not a parameter: it is given when sampling.
public let noiseRegistry = Registry<any NoiseModel>(kind: "noise model", entries: [
    RegistryEntry(name: "gaussian", summary: "y = z + σ·n, n ~ N(0, 1); loss (y − z)²/2σ²",
                  parameters: [ParameterSpec("sigma", "number > 0", "standard deviation")]) { parameters, _ in
        try GaussianNoise(sigma: parameters.number("sigma"))
    },
    RegistryEntry(name: "poisson", summary: "y = Poisson(peak·z)/peak; loss peak·(z − y log z)",
                  parameters: [ParameterSpec("peak", "number > 0", "photon count at intensity 1")]) { parameters, _ in
        try PoissonNoise(peak: parameters.number("peak"))
    },
    RegistryEntry(name: "poisson_gaussian", summary: "y = Poisson(peak·z)/peak + σ·n; Gaussian-approximation loss",
                  parameters: [ParameterSpec("peak", "number > 0", "photon count at intensity 1"),
                               ParameterSpec("sigma", "number > 0", "read-noise standard deviation")]) { parameters, _ in
        try PoissonGaussianNoise(peak: parameters.number("peak"), sigma: parameters.number("sigma"))
    },
    RegistryEntry(name: "salt_pepper", summary: "y = 0 or 1 with probability p/2 each, else z; smoothed L¹ loss",
                  parameters: [ParameterSpec("p", "number in [0, 1]", "corrupted fraction")]) { parameters, _ in
        try SaltPepperNoise(probability: parameters.number("p"))
    },
    RegistryEntry(name: "uniform", summary: "y = z + u, u ~ U(−a, a); loss 3(y − z)²/2a²",
                  parameters: [ParameterSpec("a", "number > 0", "half-width")]) { parameters, _ in
        try UniformNoise(amplitude: parameters.number("a"))
    },
])
