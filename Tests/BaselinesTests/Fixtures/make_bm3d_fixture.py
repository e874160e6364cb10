"""Regenerates bm3d_reference.json for BaselinesTests (run from this directory: python3 make_bm3d_fixture.py).
The values come from the reference `bm3d` package (PyPI, 4.0.3, profile 'np'), independent of the Swift code.

Each case: a 64x64 crop of a Kodak image (top-left corner given; gray = BT.601 luma of the 8-bit RGB, else RGB),
clean samples as integers k/255 (gray: the luma quantised to k/4096 instead), plus N(0, sigma^2) noise from
numpy default_rng(seed), the noisy image quantised to multiples of 1/4096 (stored as integers, so Swift reads
exactly the samples the package saw), and the package's PSNR against the clean crop with the true sigma.
"""
import json
from pathlib import Path

import bm3d
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[3]
SIDE, STEPS = 64, 4096
CASES = [  # image, top, left, mode, sigma, seed
    ("kodim05", 200, 300, "gray", 0.1, 1),
    ("kodim05", 200, 300, "gray", 0.2, 2),
    ("kodim13", 200, 300, "rgb", 0.1, 3),
]


def psnr(estimate, truth):
    return float(10 * np.log10(1 / np.mean((estimate - truth) ** 2)))


cases = []
for name, top, left, mode, sigma, seed in CASES:
    rgb = np.asarray(Image.open(ROOT / "Datasets/kodak24" / f"{name}.png").convert("RGB"), np.float64)
    crop = rgb[top:top + SIDE, left:left + SIDE]
    if mode == "gray":
        clean_steps = np.round(crop @ np.array([0.299, 0.587, 0.114]) / 255 * STEPS).astype(int)
        clean, scale = clean_steps / STEPS, STEPS
    else:
        clean_steps = crop.astype(int)
        clean, scale = clean_steps / 255, 255
    rng = np.random.default_rng(seed)
    noisy_steps = np.round((clean + sigma * rng.standard_normal(clean.shape)) * STEPS).astype(int)
    noisy = noisy_steps / STEPS
    denoised = bm3d.bm3d_rgb(noisy, sigma) if mode == "rgb" else bm3d.bm3d(noisy, sigma)
    cases.append({"name": f"{name} {mode} sigma {sigma}", "height": SIDE, "width": SIDE,
                  "channels": 3 if mode == "rgb" else 1, "sigma": sigma,
                  "clean_scale": scale, "clean": clean_steps.ravel().tolist(),
                  "noisy_scale": STEPS, "noisy": noisy_steps.ravel().tolist(),
                  "noisy_psnr": round(psnr(noisy, clean), 4), "reference_psnr": round(psnr(denoised, clean), 4)})
    print(cases[-1]["name"], cases[-1]["noisy_psnr"], cases[-1]["reference_psnr"])

with open("bm3d_reference.json", "w") as f:
    json.dump({"note": "bm3d 4.0.3 (PyPI), profile 'np', on 64x64 Kodak crops; see make_bm3d_fixture.py",
               "cases": cases}, f, separators=(",", ":"))
