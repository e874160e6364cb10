#!/usr/bin/env bash
# Fitting quality of the suite against the PyTorch peer on the very same target image.
#
#   Benchmarks/fit_quality.sh [path/to/strainer]      (make fit-quality)
#
# For camera (gray) and astronaut (RGB) at 178×178: the peer writes its preprocessed target (scikit-image's
# antialiased resize, float32 TIFF, no quantisation), then `strainer fit` and `siren_torch_peer.py --mode compile`
# both fit that file for ITERS Adam steps from each seed in SEEDS, starting from the same weights (the peer loads the
# suite's initial checkpoint), so only the arithmetic differs. Printed side by side: the PSNR at the CHECKPOINTS
# and the best PSNR up to each (both sides are measured every gcd(CHECKPOINTS) steps). Late in a fit, Adam at
# lr 1e-4 has occasional loss spikes (several dB for a step or two) on both sides; the best-so-far column is the
# one that does not hinge on whether a spike falls on a checkpoint.
# Environment: PYTHON (default python3, needs torch, numpy, scikit-image, pillow, tifffile), ITERS (default 2000),
# SEEDS (default "0 1"), CHECKPOINTS (default 100,500,1000,2000), CHANNELS (default "1 3": camera, astronaut).
set -euo pipefail
cd "$(dirname "$0")/.."
STRAINER=${1:-.build/release/strainer}
PYTHON=${PYTHON:-python3}
ITERS=${ITERS:-2000}
SEEDS=${SEEDS:-0 1}
CHANNELS=${CHANNELS:-1 3}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/strainer-fit-quality.XXXXXX")
CHECKPOINTS=${CHECKPOINTS:-100,500,1000,2000}
LOG_EVERY=$(python3 -c "import math, sys; print(math.gcd(*map(int, sys.argv[1].split(','))))" "$CHECKPOINTS")
MEASURED=$(seq -s, "$LOG_EVERY" "$LOG_EVERY" "$ITERS")

if ! "$PYTHON" -c "import torch, numpy, skimage, PIL, tifffile" 2>/dev/null; then
  echo "The PyTorch peer needs torch, numpy, scikit-image, pillow and tifffile in $PYTHON. Install with:"
  echo "  python3 -m venv /tmp/peers && /tmp/peers/bin/pip install \"torch==2.13.0+cpu\" numpy scipy scikit-image pillow"
  echo "  then: PYTHON=/tmp/peers/bin/python $0 $*"
  exit 1
fi

for channels in $CHANNELS; do
  target="$OUT/target-c$channels.tif"
  "$PYTHON" Benchmarks/siren_torch_peer.py --channels "$channels" --write-target "$target"
  for seed in $SEEDS; do
    echo "C=$channels seed $seed: strainer" >&2
    "$STRAINER" fit "$target" --iterations "$ITERS" --seed "$seed" --log-every "$LOG_EVERY" --json --out "$OUT/fit-c$channels-s$seed" \
      2>/dev/null | sed "s/^{/{\"peer\": \"strainer\", \"seed\": $seed,/" >> "$OUT/curves.jsonl"
    echo "C=$channels seed $seed: torch compile" >&2
    init="$OUT/init-c$channels-s$seed.safetensors"
    "$STRAINER" fit "$target" --iterations 0 --seed "$seed" --log-every 0 --save-checkpoint "$init" >/dev/null 2>&1
    "$PYTHON" Benchmarks/siren_torch_peer.py --mode compile --channels "$channels" --image "$target" --init "$init" \
      --warmup 0 --iters "$ITERS" --psnr-at "$MEASURED" --json 2>>"$OUT/peer.log" \
      | tail -n 1 | sed "s/^{/{\"seed\": $seed,/" >> "$OUT/curves.jsonl"
  done
done

python3 - "$OUT/curves.jsonl" "$CHECKPOINTS" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
steps = [s for s in sys.argv[2].split(",") if any(s in r["psnr"] for r in rows)]

def best_up_to(run, step):
    return max(v for k, v in run["psnr"].items() if int(k) <= int(step))

print("PSNR (dB) at steps " + "/".join(steps) + " (and the best up to each), same 178×178 float target and initial weights on both sides")
for channels in (1, 3):
    name = "camera (gray)" if channels == 1 else "astronaut (RGB)"
    means = {}
    for peer in ("strainer", "torch-compile"):
        runs = [r for r in rows if r["channels"] == channels and r["peer"] == peer]
        if not runs:
            continue
        for r in runs:
            print(f"  {name:16} {peer:14} seed {r['seed']}: " + " / ".join(f"{r['psnr'][s]:.2f}" for s in steps)
                  + "   (best: " + " / ".join(f"{best_up_to(r, s):.2f}" for s in steps) + ")")
        means[peer] = ([statistics.mean(r["psnr"][s] for r in runs) for s in steps],
                       [statistics.mean(best_up_to(r, s) for r in runs) for s in steps])
    if len(means) == 2:
        (at_a, best_a), (at_b, best_b) = means["strainer"], means["torch-compile"]
        print(f"  {name:16} mean difference strainer − torch: " + " / ".join(f"{a - b:+.2f}" for a, b in zip(at_a, at_b))
              + "   (best: " + " / ".join(f"{a - b:+.2f}" for a, b in zip(best_a, best_b)) + ")")
PY
echo "(raw results: $OUT)"
