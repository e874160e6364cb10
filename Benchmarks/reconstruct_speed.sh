#!/usr/bin/env bash
# Step time and peak memory of `strainer reconstruct` (random SIREN 6 × 256, RGB, denoising) at 256×256, 512×384 and
# 1024×768, from noisy versions of kodim23 resized with `strainer simulate`; then, with FULL=1, a 512×768 photo
# (kodim23 itself, σ = 0.1, 8-bit) denoised end to end with the default stopping rule.
#   Benchmarks/reconstruct_speed.sh [path/to/strainer]        (a few minutes; FULL=1 adds the end-to-end run)
set -euo pipefail
cd "$(dirname "$0")/.."
STRAINER="${1:-.build/release/strainer}"
if [ ! -x "$STRAINER" ]; then swift build -c release --product strainer >&2; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| grid | median step | peak memory |"
echo "|---|---:|---:|"
for size in "256 256" "384 512" "768 1024"; do
  read -r height width <<<"$size"
  "$STRAINER" simulate --operator "{name: resize, height: $height, width: $width}" Datasets/kodak24/kodim23.png "$work/clean.png" >/dev/null
  "$STRAINER" simulate --operator '{name: identity}' --noise '{name: gaussian, sigma: 0.1}' "$work/clean.png" "$work/y.png" >/dev/null
  "$STRAINER" reconstruct "$work/y.png" --operator '{name: identity}' --stop iterations --iterations 6 --no-baselines \
    --out "$work/x.png" --report-dir "$work/Results" --json 2>/dev/null > "$work/s.json"
  python3 - "$work/s.json" "$height×$width" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f'| {sys.argv[2]} | {d["step_seconds_median"]:.2f} s | {d["peak_rss_bytes"] / 2**20:.0f} MiB |')
PY
done
if [ "${FULL:-0}" = 1 ]; then
  "$STRAINER" simulate --operator '{name: identity}' --noise '{name: gaussian, sigma: 0.1}' --seed 1 Datasets/kodak24/kodim23.png "$work/y.png" >/dev/null
  start=$SECONDS
  "$STRAINER" reconstruct "$work/y.png" --operator '{name: identity}' --reference Datasets/kodak24/kodim23.png \
    --out "$work/x.png" --report-dir "$work/Results" --json 2>/dev/null > "$work/full.json"
  python3 - "$work/full.json" "$((SECONDS - start))" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = {r["method"]: r for r in d["rows"]}
inr = next(r for m, r in rows.items() if m.startswith("INR ("))
print(f'512×768 RGB photo (kodim23, σ = 0.1, 8-bit), end to end: {sys.argv[2]} s wall, {d["steps"]} steps '
      f'(median {d["step_seconds_median"]:.2f} s), peak memory {d["peak_rss_bytes"] / 2**20:.0f} MiB; kept step {d["kept_iteration"]}: '
      f'PSNR {inr["PSNR (dB)"]} dB; ' + ", ".join(f'{m} {r["PSNR (dB)"]}' for m, r in rows.items() if not m.startswith("INR (")))
PY
fi
echo "CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
