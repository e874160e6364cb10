#!/usr/bin/env python3
"""PyTorch peer for `strainer compare sr4-faces`: ×4 super-resolution of one face by an INR, from a random SIREN and
from a STRAINER prior file written by `strainer train-prior` (names encoder.ls.K.*), so the suite's curves can be
checked against an independent implementation.

The forward operator is Pillow's antialiased bicubic resize (the convention `resize` follows), built as a matrix
R (h × H) by resizing basis vectors: y = R X Rᵀ per channel. Loss ½·mean((A x − y)²) with x = (f + 1)/2, Adam lr 1e-4,
full batch; PSNR of the clipped x against the ground truth every --every steps.

  $PYTHON Benchmarks/inverse_peer.py --image Datasets/celeba-hq-178/val/<file>.png --prior PRIOR.safetensors
"""
import argparse, json, math, os
p = argparse.ArgumentParser()
p.add_argument("--image", required=True); p.add_argument("--prior", required=True)
p.add_argument("--factor", type=float, default=4); p.add_argument("--iterations", type=int, default=300)
p.add_argument("--every", type=int, default=25); p.add_argument("--threads", type=int, default=2)
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
for v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"): os.environ[v] = str(a.threads)
try:
    import numpy as np, torch
    from PIL import Image
    from safetensors.torch import load_file
except ImportError as error:
    raise SystemExit(f"{error}; install with: python3 -m venv /tmp/peers && /tmp/peers/bin/pip install "
                     '"torch==2.13.0+cpu" numpy pillow safetensors')
torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
OMEGA, WIDTH = 30.0, 256

truth = torch.tensor(np.asarray(Image.open(a.image).convert("RGB"), dtype=np.float32) / 255.0)  # H × W × 3
side = truth.shape[0]
low = max(1, int(side / a.factor + 0.5))  # half up, as the suite rounds (178/4 → 45)

def resize_matrix(n, m):
    """Row o = Pillow's bicubic weights of output sample o: resizing each basis vector e_i gives column i."""
    columns = [np.asarray(Image.fromarray(np.eye(1, n, i, dtype=np.float32)).resize((m, 1), Image.BICUBIC))[0] for i in range(n)]
    return torch.tensor(np.stack(columns, axis=1))

R = resize_matrix(side, low)
forward = lambda x: torch.einsum("ah,hwc,bw->abc", R, x, R)
y = forward(truth)

grid = torch.linspace(-1, 1, side)
coords = torch.stack(torch.meshgrid(grid, grid, indexing="ij"), -1).reshape(-1, 2)

def layer(i, o, first):
    l = torch.nn.Linear(i, o)
    with torch.no_grad():
        bound = 1.0 / i if first else math.sqrt(6.0 / i) / OMEGA
        l.weight.uniform_(-bound, bound)
    return l

def network():
    return torch.nn.ModuleList([layer(2, WIDTH, True)] + [layer(WIDTH, WIDTH, False) for _ in range(4)] + [layer(WIDTH, 3, False)])

def evaluate(layers):
    h = coords
    for l in layers[:-1]: h = torch.sin(OMEGA * l(h))
    return layers[-1](h).reshape(side, side, 3)

def solve(layers):
    optimiser = torch.optim.Adam(layers.parameters(), lr=1e-4)
    curve = {}
    for step in range(a.iterations + 1):
        f = evaluate(layers)
        x = (f + 1) / 2
        if step % a.every == 0 or step == a.iterations:
            with torch.no_grad():
                curve[step] = float(10 * torch.log10(1 / ((x.clamp(0, 1) - truth) ** 2).mean()))
        if step == a.iterations: break
        loss = 0.5 * ((forward(x) - y) ** 2).mean()
        optimiser.zero_grad(); loss.backward(); optimiser.step()
    return curve

random_curve = solve(network())
strainer = network()
tensors = load_file(a.prior)
with torch.no_grad():
    for k in range(5):
        strainer[k].weight.copy_(tensors[f"encoder.ls.{k}.weight"]); strainer[k].bias.copy_(tensors[f"encoder.ls.{k}.bias"])
strainer_curve = solve(strainer)
print(json.dumps({"image": os.path.basename(a.image), "measurement": [low, low], "random": random_curve, "strainer": strainer_curve}))
