#!/usr/bin/env bash
# BM3D against the reference `bm3d` package (PyPI) on the same Kodak crops and the same noise: PSNR and time side by
# side for every case, then the means per mode and σ (Benchmarks/bm3d_peer.py makes the cases and runs the package).
#   Benchmarks/bm3d.sh [path/to/strainer]      (default: builds and uses .build/release/strainer)
#   PYTHON=python3 IMAGES=4 SIZE=256 SIGMAS="0.05 0.1 0.2" Benchmarks/bm3d.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STRAINER="${1:-.build/release/strainer}"
PYTHON="${PYTHON:-python3}"
IMAGES="${IMAGES:-4}"
SIZE="${SIZE:-256}"
SIGMAS="${SIGMAS:-0.05 0.1 0.2}"
if [ ! -x "$STRAINER" ]; then swift build -c release --product strainer >&2; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
if ! "$PYTHON" Benchmarks/bm3d_peer.py prepare --dir "$work" --images "$IMAGES" --size "$SIZE" --sigmas $SIGMAS > "$work/peer.jsonl"; then
  echo "peer unavailable (needs numpy, pillow, tifffile and the bm3d package): pip install bm3d tifffile pillow; then $0" >&2
  exit 2
fi
while read -r line; do
  case=$(sed -E 's/.*"case": "([^"]*)".*/\1/' <<< "$line")
  sigma=$(sed -E 's/.*"sigma": ([0-9.e-]*).*/\1/' <<< "$line")
  result=$("$STRAINER" denoise --json --baseline "{name: bm3d, sigma: $sigma}" --truth "$work/${case}_clean.tif" \
    "$work/${case}_noisy.tif" "$work/${case}_strainer.tif")
  echo "{\"case\": \"$case\", ${result#\{}"
done < "$work/peer.jsonl" > "$work/suite.jsonl"
"$PYTHON" Benchmarks/bm3d_peer.py table "$work/peer.jsonl" "$work/suite.jsonl"
echo "strainer: bm3d baseline (both stages, the paper's 2-D transforms: bior1.5 then DCT; λ_3D = 2.7 / published), rows of blocks on $(nproc) cores;"
echo "bm3d pkg: bm3d $("$PYTHON" -c 'import importlib.metadata as m; print(m.version("bm3d"))') profile 'np' (bior1.5 hard-thresholding transform), its own threads; σ given to both"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
