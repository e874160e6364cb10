#!/usr/bin/env bash
# Speed of the INR module against the PyTorch peer, measured alternately in one invocation on one machine.
#
#   Benchmarks/run.sh [path/to/strainer]       (the Makefile passes .build/release/strainer)
#
# For 1 and 3 channels, ROUNDS times in turn: the suite's SIREN 6×256 Adam step on a 178×178 image, then
# torch.compile, then eager PyTorch (Benchmarks/siren_torch_peer.py, same init, same image, same step); then the
# median step times and the suite/peer ratios. Also: GFLOP/s of each matrix-product shape, the fp32 FMA peak,
# the fused sine pass, peak memory, and the 512×512 step against the 178×178 one.
# Environment: PYTHON (default python3) for the peer, ROUNDS (default 2), ITERS (timed steps, default 20).
# Timings on shared machines vary by ±15 %: compare the ratios of one run, not absolute times across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
STRAINER=${1:-.build/release/strainer}
BENCH="$(dirname "$STRAINER")/strainer-bench"
PYTHON=${PYTHON:-python3}
ROUNDS=${ROUNDS:-2}
ITERS=${ITERS:-20}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/strainer-bench.XXXXXX")
[ -x "$BENCH" ] || swift build -c release --product strainer-bench >&2

peer_ok=1
if ! "$PYTHON" -c "import torch, numpy, skimage, PIL" 2>/dev/null; then
  peer_ok=0
  echo "PyTorch peer unavailable ($PYTHON lacks torch, numpy, scikit-image or pillow). Install with:"
  echo "  python3 -m venv /tmp/peers && /tmp/peers/bin/pip install \"torch==2.13.0+cpu\" numpy scipy scikit-image pillow"
  echo "  then: PYTHON=/tmp/peers/bin/python $0 $*"
  echo "Reporting the suite's own figures only."
fi

# The suite's step: `strainer fit --json` on the real image when the CLI has it, else strainer-bench (synthetic target).
suite_step() {  # channels
  local image=Datasets/natural/camera.png
  [ "$1" = 3 ] && image=Datasets/natural/astronaut.png
  if [ -x "$STRAINER" ] && "$STRAINER" fit --help >/dev/null 2>&1; then
    "$STRAINER" fit "$image" --size 178 --iterations $((ITERS + 3)) --log-every 0 --json --out "$OUT/fit-$1" \
      | sed 's/^{/{"peer": "strainer",/'
  else
    "$BENCH" step --channels "$1" --iterations "$ITERS" --json | sed 's/^{/{"peer": "strainer",/'
  fi
}

echo "== SIREN 6×256, 178×178, one full-batch Adam step; $ROUNDS alternating rounds, $ITERS timed steps each =="
for round in $(seq "$ROUNDS"); do
  for channels in 1 3; do
    echo "round $round, C=$channels: strainer" >&2
    suite_step "$channels" >> "$OUT/steps.jsonl"
    if [ "$peer_ok" = 1 ]; then
      for mode in compile eager; do
        echo "round $round, C=$channels: torch $mode" >&2
        "$PYTHON" Benchmarks/siren_torch_peer.py --mode "$mode" --channels "$channels" --iters "$ITERS" --json \
          2>>"$OUT/peer.log" | tail -n 1 >> "$OUT/steps.jsonl"
      done
    fi
  done
done

python3 - "$OUT/steps.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip().startswith("{")]
table = {}
for r in rows:
    table.setdefault((r["peer"], r["channels"]), []).append(r["median_step_seconds"])
for channels in (1, 3):
    suite = table.get(("strainer", channels))
    if not suite:
        continue
    s = statistics.median(suite)
    line = f"C={channels}: strainer {1e3 * s:.1f} ms"
    for peer in ("torch-compile", "torch-eager"):
        if (peer, channels) in table:
            p = statistics.median(table[(peer, channels)])
            line += f" | {peer} {1e3 * p:.1f} ms (strainer/{peer} = {s / p:.2f})"
    print(line + "   [medians over rounds: " + ", ".join(f"{k[0]} {[round(1e3 * v) for v in vs]}" for k, vs in table.items() if k[1] == channels) + " ms]")
rss = {}
for r in rows:
    if "peak_rss_bytes" in r:
        rss.setdefault((r["peer"], r["channels"]), []).append(r["peak_rss_bytes"] / 2**20)
if rss:
    print("peak RSS (MiB, max over rounds): " + ", ".join(f"{p} C={c} {max(v):.0f}" for (p, c), v in sorted(rss.items())))
PY

echo "== matrix products (N = 31684), FMA peak, fused sine pass =="
"$BENCH" products
"$BENCH" peak
"$BENCH" sincos

echo "== memory and scaling =="
"$BENCH" step --channels 3 --iterations 5 --json > "$OUT/step-178.json"
"$BENCH" step --channels 3 --size 512 --iterations 3 --json > "$OUT/step-512.json"
python3 - "$OUT/step-178.json" "$OUT/step-512.json" <<'PY'
import json, sys
small, large = (json.load(open(path)) for path in sys.argv[1:3])
bound = small["activation_bytes"] + small["parameter_bytes"]
memory = small["peak_rss_bytes"] / bound
print(f"peak RSS at 178×178: {small['peak_rss_bytes'] / 2**20:.0f} MiB = {memory:.2f} × (activations kept "
      f"{small['activation_bytes'] / 2**20:.0f} MiB + 4 × parameters {small['parameter_bytes'] / 2**20:.1f} MiB)"
      f"; target ≤ 1.50 × → {'met' if memory <= 1.5 else 'NOT met'}")
pixels = large["rows"] / small["rows"]
growth = large["median_step_seconds"] / small["median_step_seconds"]
print(f"512×512 step {1e3 * large['median_step_seconds']:.0f} ms = {growth:.2f} × the 178×178 step "
      f"{1e3 * small['median_step_seconds']:.0f} ms for {pixels:.2f} × the pixels; target ≤ 1.1 × {pixels:.2f} = "
      f"{1.1 * pixels:.2f} → {'met' if growth <= 1.1 * pixels else 'NOT met'}")
PY
echo "(raw results: $OUT)"
