#!/usr/bin/env bash
# Operator speed: `strainer operators bench` against scipy's fftconvolve and scikit-image's radon/iradon on the
# same data (Benchmarks/operators_peer.py), in one run. Prints both times and the ratio peer/strainer (> 1: faster).
#   Benchmarks/operators.sh [path/to/strainer]      (default: builds and uses .build/release/strainer)
#   PYTHON=/tmp/peers/bin/python REPEATS=5 Benchmarks/operators.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STRAINER="${1:-.build/release/strainer}"
PYTHON="${PYTHON:-python3}"
REPEATS="${REPEATS:-5}"
if [ ! -x "$STRAINER" ]; then swift build -c release --product strainer >&2; fi

suite=$(mktemp); peer=$(mktemp)
trap 'rm -f "$suite" "$peer"' EXIT
"$STRAINER" operators bench --repeats "$REPEATS" > "$suite"
if ! "$PYTHON" Benchmarks/operators_peer.py --repeats "$REPEATS" > "$peer"; then
  echo "peer unavailable (needs numpy, scipy, scikit-image): python3 -m venv /tmp/peers && /tmp/peers/bin/pip install \"torch==2.13.0+cpu\" numpy scipy scikit-image pillow; then PYTHON=/tmp/peers/bin/python $0" >&2
  : > "$peer"
fi

# Join on "name" and print a table.
awk '
  function field(line, key,   m) { if (match(line, "\"" key "\": *\"?[^,\"}]*")) { m = substr(line, RSTART, RLENGTH); sub(/^"[^"]*": *"?/, "", m); return m } return "" }
  FNR == NR { peer[field($0, "name")] = field($0, "seconds"); next }
  { name = field($0, "name"); t = field($0, "seconds"); names[++n] = name; ours[name] = t }
  # The measure-planned blur compares with the same peer timing as the default (estimate) one.
  function peerName(name) { sub(/_measure/, "", name); return name }
  END {
    printf "%-18s %14s %14s %10s\n", "measurement", "strainer (ms)", "peer (ms)", "peer/ours"
    for (i = 1; i <= n; i++) {
      name = names[i]; p = (peerName(name) in peer) ? peer[peerName(name)] : ""
      if (p == "") printf "%-18s %14.2f %14s %10s\n", name, ours[name] * 1000, "—", "—"
      else printf "%-18s %14.2f %14.2f %9.1fx\n", name, ours[name] * 1000, p * 1000, p / ours[name]
    }
  }' "$peer" "$suite"
echo "peer: scipy.signal.fftconvolve (blur), skimage.transform.radon / iradon(filter_name=None) (Radon, back-projection), iradon ramp (FBP)"
echo "blur512_*: FFTW estimate plans (the default, bitwise reproducible); blur512_measure_*: FFTW measure plans"
echo "threads: strainer uses every core for Radon and FBP (Dispatch), FFTW single-threaded; scipy/skimage single-threaded"
