#!/usr/bin/env python3
"""PyTorch yardstick for `strainer-bench step` / `strainer fit`: one SIREN image fit, timed step by step.

What it times is what the suite times: one full-batch Adam step (gradients cleared, forward, MSE loss, backward,
optimiser update) of the STRAINER-paper SIREN 2 -> 256 x 5 -> C, omega_0 = 30, on a size x size image
(N = size^2 coordinates on a linspace(-1, 1) grid, rows first), Adam lr 1e-4, betas (0.9, 0.999), eps 1e-8.

Initial weights come from NumPy's default_rng(seed), layer after layer, weight (out x in) then bias (or, with
--init FILE, from a checkpoint the suite wrote, `strainer fit --iterations 0 --save-checkpoint FILE`: its tensor names
layers.K.weight / layers.K.bias are this model's state_dict keys):
  first layer  W ~ U(-1/in, 1/in);  later layers W ~ U(-sqrt(6/in)/omega, sqrt(6/in)/omega);  b ~ U(-1/sqrt(in), 1/sqrt(in))
The image is read from the project's Datasets (camera.png for 1 channel, astronaut.png for 3), scaled to [0, 1],
antialias-resized with scikit-image (order 1) and mapped to [-1, 1] by 2x - 1. PSNR is reported on [0, 1], peak 1,
prediction clipped.

Usage: siren_torch_peer.py --mode compile|eager [--channels 1|3] [--iters N] [--warmup W] [--threads T]
                           [--size S] [--seed S] [--init FILE.safetensors] [--image PATH] [--psnr-at 100,500] [--json]
Prints a summary line, or one JSON object on stdout with --json.
"""
import argparse
import json
import math
import os
import resource
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INSTALL = ('python3 -m venv /tmp/peers && /tmp/peers/bin/pip install "torch==2.13.0+cpu" numpy scipy '
           'scikit-image pillow')


def options():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mode", choices=["compile", "eager"], default="compile")
    p.add_argument("--channels", type=int, choices=[1, 3], default=1)
    p.add_argument("--iters", type=int, default=30)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--size", type=int, default=178)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--omega", type=float, default=30.0)
    p.add_argument("--init", default=None, metavar="SAFETENSORS", help="initial weights from a checkpoint of the suite")
    p.add_argument("--image", default=None, help="default: Datasets/natural/camera.png (C=1) or astronaut.png (C=3)")
    p.add_argument("--psnr-at", default="")
    p.add_argument("--write-target", default=None, metavar="TIFF",
                   help="write the preprocessed target ([0, 1], size x size) as a float32 TIFF and exit")
    p.add_argument("--json", action="store_true")
    return p.parse_args()


ARGS = options()
for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[name] = str(ARGS.threads)  # before torch is imported

try:
    import numpy as np
    import torch
    from PIL import Image
    from skimage.transform import resize
except ImportError as missing:
    sys.exit(f"siren_torch_peer: {missing}; install the peers' environment with:\n  {INSTALL}")


def image_01(path, channels, size):
    """The image on [0, 1], size x size: float32 TIFF files as stored (tifffile), others through Pillow (its gray
    conversion), then scikit-image's antialiased resize (an identity at equal size)."""
    if path.lower().endswith((".tif", ".tiff")):
        import tifffile
        pixels = tifffile.imread(path).astype(np.float64)
        if (pixels.ndim == 3) != (channels == 3):
            sys.exit(f"siren_torch_peer: {path} has the wrong number of channels for C={channels}")
    else:
        pixels = np.asarray(Image.open(path).convert("L" if channels == 1 else "RGB"), dtype=np.float64) / 255.0
    pixels = resize(pixels, (size, size), anti_aliasing=True, order=1)
    return np.clip(pixels, 0.0, 1.0)


def target_image(path, channels, size):
    return (2.0 * image_01(path, channels, size).reshape(size * size, channels) - 1.0).astype(np.float32)


def coordinate_grid(size):
    axis = np.linspace(-1.0, 1.0, size, dtype=np.float32)
    rows, cols = np.meshgrid(axis, axis, indexing="ij")
    return np.column_stack([rows.reshape(-1), cols.reshape(-1)]).astype(np.float32)


def siren_parameters(channels, seed, omega):
    widths = [2, 256, 256, 256, 256, 256, channels]
    draw = np.random.default_rng(seed)
    layers = []
    for k, (fan_in, fan_out) in enumerate(zip(widths[:-1], widths[1:])):
        bound = 1.0 / fan_in if k == 0 else math.sqrt(6.0 / fan_in) / omega
        weight = draw.uniform(-bound, bound, size=(fan_out, fan_in)).astype(np.float32)
        bias_bound = 1.0 / math.sqrt(fan_in)
        bias = draw.uniform(-bias_bound, bias_bound, size=(fan_out,)).astype(np.float32)
        layers.append((weight, bias))
    return layers


class Siren(torch.nn.Module):
    def __init__(self, parameters, omega):
        super().__init__()
        self.omega = omega
        self.layers = torch.nn.ModuleList()
        for weight, bias in parameters:
            layer = torch.nn.Linear(weight.shape[1], weight.shape[0])
            with torch.no_grad():
                layer.weight.copy_(torch.from_numpy(weight))
                layer.bias.copy_(torch.from_numpy(bias))
            self.layers.append(layer)

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.sin(self.omega * layer(x))
        return self.layers[-1](x)


def main():
    torch.set_num_threads(ARGS.threads)
    image = ARGS.image or os.path.join(ROOT, "Datasets", "natural", "camera.png" if ARGS.channels == 1 else "astronaut.png")
    if ARGS.write_target:
        import tifffile
        tifffile.imwrite(ARGS.write_target, image_01(image, ARGS.channels, ARGS.size).astype(np.float32))
        return
    target = torch.from_numpy(target_image(image, ARGS.channels, ARGS.size))
    coords = torch.from_numpy(coordinate_grid(ARGS.size))
    model = Siren(siren_parameters(ARGS.channels, ARGS.seed, ARGS.omega), ARGS.omega)
    if ARGS.init:
        from safetensors.torch import load_file
        model.load_state_dict(load_file(ARGS.init))
    adam = torch.optim.Adam(model.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-8)

    def loss_of_batch(x, y):
        return torch.mean((model(x) - y) ** 2)

    def update():
        adam.step()

    if ARGS.mode == "compile":
        loss_of_batch = torch.compile(loss_of_batch)
        update = torch.compile(update, fullgraph=False)

    def psnr():
        with torch.no_grad():
            mse = float(torch.mean((model(coords).clamp(-1, 1) - target) ** 2))
        return 10 * math.log10(4.0 / mse) if mse > 0 else float("inf")

    checkpoints = {int(v) for v in ARGS.psnr_at.split(",") if v.strip()}
    curve = {0: psnr()} if checkpoints else {}
    times = []
    for iteration in range(1, ARGS.warmup + ARGS.iters + 1):
        start = time.perf_counter()
        adam.zero_grad(set_to_none=True)
        loss = loss_of_batch(coords, target)
        loss.backward()
        update()
        times.append(time.perf_counter() - start)
        if iteration in checkpoints:
            curve[iteration] = psnr()
    steady = times[ARGS.warmup:]
    n = ARGS.size * ARGS.size
    flops = 6 * n * (2 * 256 + 4 * 256 * 256 + 256 * ARGS.channels)
    result = {
        "peer": f"torch-{ARGS.mode}", "torch": torch.__version__, "threads": torch.get_num_threads(),
        "channels": ARGS.channels, "size": ARGS.size, "iterations": ARGS.iters,
        "median_step_seconds": statistics.median(steady), "min_step_seconds": min(steady),
        "first_step_seconds": times[0], "achieved_gflops": flops / statistics.median(steady) / 1e9,
        "final_loss": float(loss.detach()), "psnr": {str(k): v for k, v in sorted(curve.items())},
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }
    if ARGS.json:
        print(json.dumps(result))
    else:
        print(f"torch {ARGS.mode} C={ARGS.channels} {ARGS.size}x{ARGS.size}: median step "
              f"{1e3 * result['median_step_seconds']:.1f} ms ({result['achieved_gflops']:.1f} GFLOP/s)")


if __name__ == "__main__":
    main()
