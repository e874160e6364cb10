#!/usr/bin/env python3
"""Reference for PriorsTests: three Adam steps of STRAINER shared-encoder training, computed by PyTorch.

Run from this folder with the peers' venv:  /tmp/peers/bin/python make_strainer_steps.py
(PyTorch 2.13 CPU, numpy, safetensors 0.x from PyPI; float32 throughout). Writes:
  strainer_steps_init.safetensors   a STRAINER prior (kind strainer): SIREN 2 -> 16 -> 16 -> 16 -> 3, omega 30,
                                    encoder = first 3 layers (encoder.ls.K.*), 2 decoders (decoders.I.*), Sitzmann init
  strainer_steps_data.safetensors   "images" [2, 36, 3]: two 6x6 RGB targets in [-1, 1], raster order
  strainer_steps_after.safetensors  the same tensors after 3 Adam steps (lr 1e-3, betas 0.9/0.999, eps 1e-8) on
                                    L = sum_k mean((d_k(e(X)) - Y_k)^2), X the 6x6 linspace(-1, 1) grid (row, col)
"""
import math
import numpy as np
import torch
from safetensors.torch import save_file

torch.manual_seed(7)
rng = np.random.default_rng(7)
OM, W, S = 30.0, 16, 6


def layer(i, o, first):
    l = torch.nn.Linear(i, o)
    with torch.no_grad():
        b = 1.0 / i if first else math.sqrt(6.0 / i) / OM
        l.weight.uniform_(-b, b)
    return l


enc = torch.nn.ModuleList([layer(2, W, True), layer(W, W, False), layer(W, W, False)])
decs = torch.nn.ModuleList([layer(W, 3, False) for _ in range(2)])
lin = torch.linspace(-1, 1, S)
yy, xx = torch.meshgrid(lin, lin, indexing="ij")
X = torch.stack([yy, xx], -1).reshape(-1, 2)
Y = torch.tensor(rng.uniform(-1, 1, size=(2, S * S, 3)).astype(np.float32))


def tensors():
    t = {f"encoder.ls.{k}.{p}": getattr(l, p).detach().clone().contiguous() for k, l in enumerate(enc) for p in ("weight", "bias")}
    t.update({f"decoders.{k}.{p}": getattr(l, p).detach().clone().contiguous() for k, l in enumerate(decs) for p in ("weight", "bias")})
    return t


meta = {"kind": "strainer", "family": "siren", "dims": f"2,{W},{W},{W},3", "omega": "30", "shared_layers": "3", "decoders": "2"}
save_file(tensors(), "strainer_steps_init.safetensors", metadata=meta)
save_file({"images": Y.contiguous()}, "strainer_steps_data.safetensors")
opt = torch.optim.Adam(list(enc.parameters()) + list(decs.parameters()), lr=1e-3)
for _ in range(3):
    opt.zero_grad()
    h = X
    for l in enc:
        h = torch.sin(OM * l(h))
    loss = sum(((d(h) - y) ** 2).mean() for d, y in zip(decs, Y))
    loss.backward()
    opt.step()
save_file(tensors(), "strainer_steps_after.safetensors", metadata=meta)
print("loss before the third step", float(loss))
