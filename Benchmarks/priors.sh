#!/usr/bin/env bash
# STRAINER prior transfer in the suite and in PyTorch at an equal budget, in one invocation.
#
#   Benchmarks/priors.sh [path/to/strainer]        (make bench-priors; about 50 minutes at the defaults)
#
# The suite trains a STRAINER-10 prior on Datasets/celeba-hq-178/train (`strainer train-prior`) and fits the first
# TEST_IMAGES val faces from random SIREN and from the prior (`strainer compare-priors`); then
# Benchmarks/strainer_peer.py does the same in PyTorch. Both mean-PSNR tables are printed. Initial weights come
# from different generators on the two sides: expect agreement to within a dB, not to the bit.
# Environment: PYTHON (default python3, needs torch, numpy, pillow), TRAIN_STEPS (1500), TEST_STEPS (500),
# TEST_IMAGES (2).
set -euo pipefail
cd "$(dirname "$0")/.."
STRAINER=${1:-.build/release/strainer}
PYTHON=${PYTHON:-python3}
TRAIN_STEPS=${TRAIN_STEPS:-1500}
TEST_STEPS=${TEST_STEPS:-500}
TEST_IMAGES=${TEST_IMAGES:-2}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/strainer-priors.XXXXXX")
FACES=Datasets/celeba-hq-178

echo "== suite: STRAINER-10, $TRAIN_STEPS training steps; $TEST_IMAGES val faces, $TEST_STEPS steps =="
"$STRAINER" train-prior --dataset celeba-hq-178 --kind strainer --iterations "$TRAIN_STEPS" \
  --out "$OUT/strainer10.safetensors" 2>"$OUT/train.log" | tail -n 3
"$STRAINER" compare-priors --dataset celeba-hq-178 --split val --images "$TEST_IMAGES" --iterations "$TEST_STEPS" \
  --evaluate-every 50 --prior random --prior "$OUT/strainer10.safetensors" --out "$OUT" 2>"$OUT/compare.log"

echo "== PyTorch peer: the same recipe and budget =="
if "$PYTHON" -c "import torch, numpy, PIL" 2>/dev/null; then
  "$PYTHON" Benchmarks/strainer_peer.py --train "$FACES/train" --test "$FACES/val" --train-steps "$TRAIN_STEPS" \
    --test-steps "$TEST_STEPS" --test-images "$TEST_IMAGES"
else
  echo "PyTorch peer unavailable ($PYTHON lacks torch, numpy or pillow). Install with:"
  echo "  python3 -m venv /tmp/peers && /tmp/peers/bin/pip install \"torch==2.13.0+cpu\" numpy pillow"
  echo "  then: PYTHON=/tmp/peers/bin/python $0 $*"
fi
echo "(raw results: $OUT)"
