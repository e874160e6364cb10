#!/usr/bin/env python3
"""PyTorch peer for `strainer train-prior --kind strainer` + `strainer compare-priors`: the STRAINER recipe in
PyTorch, so the suite's prior-transfer curves can be set beside an independent implementation at an equal budget.

Network: SIREN 2 → 256 ×5 → 3, sin(30·(Wx + b)) on the first five layers, Sitzmann initialisation, PyTorch's default
bias initialisation. Coordinates on a linspace(−1, 1) grid (rows first); targets 2x − 1; PSNR on [0, 1] with the
prediction clipped.
Training: the first five layers are one encoder shared by the K training images, each with its own last layer;
the encoder runs once per step, loss = Σ_k MSE_k, Adam lr 1e-4.
Transfer: every test image is fitted by Adam (lr 1e-4, all parameters) from (a) a fresh random SIREN and (b) the
trained encoder with a fresh decoder; the mean PSNR over the test images is printed at the given steps.

  $PYTHON Benchmarks/strainer_peer.py --train Datasets/celeba-hq-178/train --test Datasets/celeba-hq-178/val \
      --train-steps 1500 --test-steps 500 --test-images 2 [--json]
"""
import argparse, glob, json, math, os, time

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--train", required=True); p.add_argument("--test", required=True)
p.add_argument("--train-images", type=int, default=10); p.add_argument("--test-images", type=int, default=2)
p.add_argument("--train-steps", type=int, default=5000); p.add_argument("--test-steps", type=int, default=500)
p.add_argument("--log-at", default="0,50,100,200,500,1000,2000")
p.add_argument("--seed", type=int, default=0); p.add_argument("--threads", type=int, default=2)
p.add_argument("--json", action="store_true", help="print one JSON object on stdout instead of a table")
a = p.parse_args()
for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[name] = str(a.threads)  # before torch is imported
try:
    import numpy as np, torch
    from PIL import Image
except ImportError as missing:
    raise SystemExit(f"strainer_peer: {missing}; install with: python3 -m venv /tmp/peers && "
                     '/tmp/peers/bin/pip install "torch==2.13.0+cpu" numpy pillow')
torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
OMEGA, WIDTH, ENCODER_LAYERS = 30.0, 256, 5


def targets(folder, count):
    files = sorted(glob.glob(os.path.join(folder, "*.png")))[:count]
    if not files:
        raise SystemExit(f"strainer_peer: no .png images in {folder}")
    images = [np.asarray(Image.open(f).convert("RGB"), dtype=np.float32) / 255.0 for f in files]
    if len({i.shape for i in images}) != 1:
        raise SystemExit(f"strainer_peer: the images in {folder} differ in size")
    return files, [torch.from_numpy(2 * i.reshape(-1, 3) - 1) for i in images], images[0].shape[:2]


def dense(inputs, outputs, first):
    layer = torch.nn.Linear(inputs, outputs)  # bias keeps PyTorch's U(±1/√in)
    with torch.no_grad():
        bound = 1.0 / inputs if first else math.sqrt(6.0 / inputs) / OMEGA
        layer.weight.uniform_(-bound, bound)
    return layer


def encoder():
    return torch.nn.ModuleList([dense(2, WIDTH, True)] + [dense(WIDTH, WIDTH, False) for _ in range(ENCODER_LAYERS - 1)])


def features(layers, x):
    for layer in layers:
        x = torch.sin(OMEGA * layer(x))
    return x


def psnr(prediction, target):
    error = ((prediction.clamp(-1, 1) - target) ** 2).mean() / 4  # on [0, 1]
    return float(10 * torch.log10(1 / error))


train_files, train_targets, (height, width) = targets(a.train, a.train_images)
test_files, test_targets, test_shape = targets(a.test, a.test_images)
if test_shape != (height, width):
    raise SystemExit("strainer_peer: training and test images differ in size")
rows, cols = torch.meshgrid(torch.linspace(-1, 1, height), torch.linspace(-1, 1, width), indexing="ij")
coordinates = torch.stack([rows.reshape(-1), cols.reshape(-1)], 1)

shared = encoder()
decoders = torch.nn.ModuleList([dense(WIDTH, 3, False) for _ in train_targets])
adam = torch.optim.Adam(list(shared.parameters()) + list(decoders.parameters()), lr=1e-4)
start = time.perf_counter()
for step in range(a.train_steps):
    adam.zero_grad(set_to_none=True)
    h = features(shared, coordinates)
    loss = sum(((d(h) - y) ** 2).mean() for d, y in zip(decoders, train_targets))
    loss.backward()
    adam.step()
train_seconds = time.perf_counter() - start
with torch.no_grad():
    h = features(shared, coordinates)
    train_psnr = [psnr(d(h), y) for d, y in zip(decoders, train_targets)]

log_at = sorted({int(s) for s in a.log_at.split(",") if int(s) <= a.test_steps} | {a.test_steps})
curves = {"random": [], "strainer": []}
for target in test_targets:
    for prior in curves:
        layers = encoder()
        if prior == "strainer":
            layers.load_state_dict(shared.state_dict())
        head = dense(WIDTH, 3, False)
        fit = torch.optim.Adam(list(layers.parameters()) + list(head.parameters()), lr=1e-4)
        curve = {}
        for step in range(a.test_steps + 1):
            if step in log_at:
                with torch.no_grad():
                    curve[step] = psnr(head(features(layers, coordinates)), target)
            if step == a.test_steps:
                break
            fit.zero_grad(set_to_none=True)
            ((head(features(layers, coordinates)) - target) ** 2).mean().backward()
            fit.step()
        curves[prior].append(curve)

mean = {prior: {s: sum(c[s] for c in cs) / len(cs) for s in log_at} for prior, cs in curves.items()}
if a.json:
    print(json.dumps({"train_steps": a.train_steps, "train_seconds": train_seconds, "train_psnr": train_psnr,
                      "test_images": [os.path.basename(f) for f in test_files],
                      "mean_psnr": {prior: {str(s): v for s, v in m.items()} for prior, m in mean.items()}}))
else:
    print(f"PyTorch STRAINER-{len(train_targets)}: {a.train_steps} steps in {train_seconds:.0f} s, training PSNR mean "
          f"{sum(train_psnr) / len(train_psnr):.2f} dB; mean PSNR over {len(test_targets)} test images:")
    print("| prior | " + " | ".join(str(s) for s in log_at) + " |")
    print("|---|" + "---:|" * len(log_at))
    for prior, m in mean.items():
        print(f"| {prior} | " + " | ".join(f"{m[s]:.2f}" for s in log_at) + " |")
