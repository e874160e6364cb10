#!/usr/bin/env bash
# The main job of `make demo`: learn a STRAINER prior on the bundled training faces (or reuse it when the file
# already holds exactly this prior), then fit held-out faces from a random SIREN and from that prior, and report.
# Sized to run in a few minutes on 2 cores; `strainer compare-priors --help` shows how to run the full-size study.
set -euo pipefail
cd "$(dirname "$0")/.."
strainer="${1:-.build/release/strainer}"
size="${DEMO_SIZE:-64}"
prior="Results/priors/strainer10-celeba-${size}.safetensors"
mkdir -p Results/priors

echo "== datasets"
"$strainer" datasets
echo
echo "== STRAINER-10 prior: shared encoder trained on the 10 training faces at ${size}×${size}"
"$strainer" train-prior --dataset celeba-hq-178 --split train --kind strainer --size "$size" \
    --iterations "${DEMO_PRIOR_STEPS:-1000}" --log-every 250 --out "$prior" --reuse
echo
echo "== fitting held-out faces from a random SIREN and from the STRAINER encoder"
"$strainer" compare-priors --dataset celeba-hq-178 --split val --images "${DEMO_IMAGES:-3}" --size "$size" \
    --iterations "${DEMO_STEPS:-500}" --evaluate-every 25 --prior random --prior "$prior"
