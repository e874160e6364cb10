#!/usr/bin/env bash
# Round trips through `strainer simulate` and `strainer reconstruct` on images no prior was trained on and no
# setting was tuned on (Examples/, non-square among them, and a float Shepp–Logan phantom): Gaussian noise saved as
# 8-bit PNG as a camera would, ×2 and ×4 super-resolution of a bicubic-downsampled PNG, 60-angle CT. `reconstruct`
# never sees the clean image except as --reference, which scores results and chooses nothing. For each case it
# runs the three stopping rules that need no ground truth (discrepancy and SURE with σ estimated from y, validation)
# and, for comparison, the whole budget with the reference's best iterate (the oracle), and prints one table with
# every baseline beside them.
#   Benchmarks/reconstruct_roundtrip.sh [path/to/strainer]     (about 40 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
STRAINER="${1:-.build/release/strainer}"
if [ ! -x "$STRAINER" ]; then swift build -c release --product strainer >&2; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name | clean image | operator | noise | budget
cases=(
  "denoise σ=0.05 parrots 96×144|Examples/parrots-96x144.png|{name: identity}|{name: gaussian, sigma: 0.05}|400"
  "denoise σ=0.1 parrots 96×144|Examples/parrots-96x144.png|{name: identity}|{name: gaussian, sigma: 0.1}|400"
  "denoise σ=0.1 coffee 100×150|Examples/coffee-100x150.png|{name: identity}|{name: gaussian, sigma: 0.1}|400"
  "denoise σ=0.1 camera 96×160 gray|Examples/camera-96x160.png|{name: identity}|{name: gaussian, sigma: 0.1}|400"
  "SR ×2 parrots 48×72 → 96×144|Examples/parrots-96x144.png|{name: downsample, factor: 2, filter: bicubic}||800"
  "SR ×4 parrots 24×36 → 96×144|Examples/parrots-96x144.png|{name: downsample, factor: 4, filter: bicubic}||800"
  "CT 60 angles, σ=0.3, phantom 96²|phantom|{name: radon, angles: 60}|{name: gaussian, sigma: 0.3}|1000"
)

# One table row from the three runs' `reconstruct --json` summaries.
cat > "$work/row.py" <<'PY'
import json, sys
name, folder = sys.argv[1], sys.argv[2]
runs = {stop: json.load(open(f"{folder}/{stop}.json")) for stop in ["discrepancy", "sure", "validation", "iterations"]}
def inr(run, prefix):
    row = next(r for r in run["rows"] if r["method"].startswith(prefix))
    return f'{row["PSNR (dB)"]} ({row["iterate kept"].replace("step ", "")})'
sigma = runs["discrepancy"]["sigma_estimate"]
baselines = ", ".join(f'{r["method"]} {r["PSNR (dB)"]}' for r in runs["iterations"]["rows"] if not r["method"].startswith("INR"))
print(f'| {name} | {"—" if sigma is None else f"{sigma:.4f}"} | {inr(runs["discrepancy"], "INR (")} | '
      f'{inr(runs["sure"], "INR (")} | {inr(runs["validation"], "INR (")} | {inr(runs["iterations"], "INR, best")} | {baselines} |')
PY

printf "| case | σ̂ | discrepancy (step) | SURE (step) | validation (step) | oracle best (step) | baselines |\n|---|---:|---:|---:|---:|---:|---|\n"
for entry in "${cases[@]}"; do
  IFS='|' read -r name clean operator noise budget <<<"$entry"
  if [ "$clean" = phantom ]; then
    "$STRAINER" simulate --phantom shepp-logan --size 96 --operator '{name: identity}' "$work/clean.tif" >/dev/null
    clean="$work/clean.tif"; y="$work/y.tif"
  else
    y="$work/y.png"
  fi
  if [ -n "$noise" ]; then "$STRAINER" simulate --operator "$operator" --noise "$noise" --seed 1 "$clean" "$y" >/dev/null
  else "$STRAINER" simulate --operator "$operator" "$clean" "$y" >/dev/null; fi
  for stop in discrepancy sure validation iterations; do
    "$STRAINER" reconstruct "$y" --operator "$operator" --stop "$stop" --iterations "$budget" --reference "$clean" \
      --out "$work/x-$stop.tif" --report-dir "$work/Results" --json 2>/dev/null > "$work/$stop.json"
  done
  python3 "$work/row.py" "$name" "$work"
done
echo "PSNR in dB against the clean image, computed after each fit. σ̂: the noise level estimated from y (— when y carries no Gaussian noise the stop needs)."
echo "CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
