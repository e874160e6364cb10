"""Regenerates the fixtures of BaselinesTests (run from this directory with the peers venv:
/tmp/peers/bin/python make_fixtures.py). Values come from scikit-image, independent of the Swift code."""
import json
import numpy as np
from skimage.restoration import denoise_tv_chambolle

HEIGHT, WIDTH, WEIGHT = 20, 24, 0.08


def total_variation(u):
    """Isotropic TV with forward differences, 0 across the last row/column (the Swift baseline's definition)."""
    dh = np.zeros_like(u); dh[:, :-1] = u[:, 1:] - u[:, :-1]
    dv = np.zeros_like(u); dv[:-1, :] = u[1:, :] - u[:-1, :]
    return np.sqrt(dh ** 2 + dv ** 2).sum()


def objective(u, f):
    return 0.5 * ((u - f) ** 2).sum() + WEIGHT * total_variation(u)


rng = np.random.default_rng(11)
clean = np.full((HEIGHT, WIDTH), 0.25)
clean[4:15, 6:18] = 0.75
clean[10:18, 2:9] = 0.5
noisy = np.clip(clean + 0.1 * rng.standard_normal(clean.shape), 0, 1)
# Chambolle (2004) minimises ‖u − f‖²/(2·weight) + TV(u), i.e. ½‖u − f‖² + weight·TV(u) scaled by 1/weight.
denoised = denoise_tv_chambolle(noisy, weight=WEIGHT, eps=1e-12, max_num_iter=50000)

# Check that scikit-image's discretisation is ours: its result must beat every small perturbation of it under
# our objective (a convex function is minimal where no direction decreases it).
best = objective(denoised, noisy)
for trial in range(200):
    direction = rng.standard_normal(denoised.shape)
    for step in (1e-3, 1e-4):
        assert objective(denoised + step * direction, noisy) >= best - 1e-9, (trial, step)

with open("tv_denoise_chambolle.json", "w") as f:
    json.dump({
        "note": ("scikit-image denoise_tv_chambolle(noisy, weight=0.08, eps=1e-12, max_num_iter=50000) "
                 "on a 20x24 piecewise-constant image plus N(0, 0.1^2) noise clipped to [0, 1] (rng seed 11); "
                 "objective = 0.5*||u - f||^2 + 0.08*TV(u), isotropic forward differences"),
        "height": HEIGHT, "width": WIDTH, "weight": WEIGHT,
        "clean": clean.ravel().tolist(), "noisy": noisy.ravel().tolist(),
        "denoised": denoised.ravel().tolist(), "objective": best,
    }, f)
print("objective", best, "noisy objective", objective(noisy, noisy))
