#!/usr/bin/env bash
# Fitting quality of the suite against the PyTorch peer on the very same target image.
#
#   Benchmarks/fit_quality.sh [path/to/strainer]      (make fit-quality)
#
# For camera (gray) and astronaut (RGB) at 178×178: the peer writes its preprocessed target (scikit-image's
# antialiased resize, float32 TIFF, no quantisation), then `strainer fit` and `siren_torch_peer.py --mode compile`
# both fit that file for ITERS Adam steps from each seed in SEEDS, and the PSNR at 100/500/1000/2000 steps is
# printed side by side. The two sides draw their initial weights from different generators, so compare the spread
# over seeds with the difference between the two.
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
    "$PYTHON" Benchmarks/siren_torch_peer.py --mode compile --channels "$channels" --image "$target" --seed "$seed" \
      --warmup 0 --iters "$ITERS" --psnr-at "$CHECKPOINTS" --json 2>>"$OUT/peer.log" \
      | tail -n 1 | sed "s/^{/{\"seed\": $seed,/" >> "$OUT/curves.jsonl"
  done
done

python3 - "$OUT/curves.jsonl" "$CHECKPOINTS" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
steps = [s for s in sys.argv[2].split(",") if any(s in r["psnr"] for r in rows)]
print("PSNR (dB) at steps " + "/".join(steps) + ", same 178×178 float target on both sides")
for channels in (1, 3):
    name = "camera (gray)" if channels == 1 else "astronaut (RGB)"
    means = {}
    for peer in ("strainer", "torch-compile"):
        runs = [r for r in rows if r["channels"] == channels and r["peer"] == peer]
        if not runs:
            continue
        for r in runs:
            print(f"  {name:16} {peer:14} seed {r['seed']}: " + " / ".join(f"{r['psnr'][s]:.2f}" for s in steps))
        means[peer] = [statistics.mean(r["psnr"][s] for r in runs) for s in steps]
    if len(means) == 2:
        print(f"  {name:16} mean difference strainer − torch: "
              + " / ".join(f"{a - b:+.2f}" for a, b in zip(means["strainer"], means["torch-compile"])))
PY
echo "(raw results: $OUT)"
