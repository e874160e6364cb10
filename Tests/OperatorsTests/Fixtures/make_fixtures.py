"""Regenerates the fixtures of OperatorsTests (run from this directory with the peers venv:
/tmp/peers/bin/python make_fixtures.py). Values come from scipy, independent of the Swift code."""
import json
import numpy as np
from scipy.signal import fftconvolve

rng = np.random.default_rng(7)
x = rng.random((9, 11)).astype(np.float64)
k = rng.random((4, 3)).astype(np.float64)
k /= k.sum()
same = fftconvolve(x, k, mode="same")
with open("fftconvolve_same.json", "w") as f:
    json.dump({
        "note": "scipy.signal.fftconvolve(x, k, mode='same') with x 9x11, k 4x3 (normalised to sum 1), rng seed 7",
        "height": 9, "width": 11, "kernel_height": 4, "kernel_width": 3,
        "x": x.ravel().tolist(), "kernel": k.ravel().tolist(), "same": same.ravel().tolist(),
    }, f)
