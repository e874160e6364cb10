#!/usr/bin/env bash
# The five priors of the STRAINER paper's face experiment, trained and compared by the suite alone:
#
#   Benchmarks/prior_study.sh [path/to/strainer]        (make prior-study; about 10 hours on 2 cores at the defaults)
#
# Trains on Datasets/celeba-hq-178/train, at SIZE×SIZE: STRAINER-10 (STRAINER_STEPS, the paper's 5000), STRAINER-1
# and a fitted SIREN (SINGLE_STEPS each), and a meta-learned init (Reptile, 3 tasks per step, 2 inner SGD steps at
# 1e-2, outer Adam 1e-4, META_STEPS outer steps). Then fits the first IMAGES val faces from each and from random
# SIREN for FIT_STEPS steps (`strainer compare-priors`) and prints the table of mean PSNRs, with the priors' training
# times in the report. The priors are recipes of `compare-priors --prior '{kind: …}'` (a problem file's `priors:`
# entries): the comparison trains each one first, keeps it in $OUT/priors/ and reuses it in later runs. Everything
# resumes: run the script again after an interruption and it continues every training from its checkpoint and the
# comparison down to the fit that was running (`compare-priors --resume`), losing at most a minute of each.
# Environment: OUT (Results/prior-study), SIZE (178), STRAINER_STEPS (5000), SINGLE_STEPS (1500), META_STEPS (2000),
# FIT_STEPS (2000), IMAGES (10). For a quick look: SIZE=64 STRAINER_STEPS=300 SINGLE_STEPS=300 META_STEPS=100
# FIT_STEPS=300 IMAGES=2 (a few minutes). SIZE=64 alone keeps the paper's budgets and all 10 faces in about 1h30m on
# 2 cores; at 64² a fit reaches float precision (70–130 dB) within 2000 steps, so compare its early steps.
# EXECUTOR=slurm (make prior-study EXECUTOR=slurm) hands the whole study to Slurm and returns at once, printing the
# job ids: the four trainings are one job array, the fits a second one that starts once every prior is trained, and
# a report job writes the table when the fits are done (`compare-priors --executor slurm`, with SLURM_ARGS such as
# "--slurm-partition cpu --slurm-time 2:00:00"; see README, "Running on a cluster"). OUT must then be on a file
# system the nodes share.
set -euo pipefail
cd "$(dirname "$0")/.."
STRAINER=${1:-.build/release/strainer}
OUT=${OUT:-Results/prior-study}
SIZE=${SIZE:-178}
STRAINER_STEPS=${STRAINER_STEPS:-5000}
SINGLE_STEPS=${SINGLE_STEPS:-1500}
META_STEPS=${META_STEPS:-2000}
FIT_STEPS=${FIT_STEPS:-2000}
IMAGES=${IMAGES:-10}
EXECUTOR=${EXECUTOR:-local}
SLURM_ARGS=${SLURM_ARGS:-}
mkdir -p "$OUT"
DATA="dataset: celeba-hq-178, split: train"

echo "== $IMAGES val faces at ${SIZE}², $FIT_STEPS steps from random SIREN and from four priors learned on the training faces"
echo "   (STRAINER-10 $STRAINER_STEPS steps, STRAINER-1 and fitted $SINGLE_STEPS, meta $META_STEPS; $EXECUTOR executor; progress in $OUT/compare.log)"
# shellcheck disable=SC2086
"$STRAINER" compare-priors --dataset celeba-hq-178 --split val --size "$SIZE" --images "$IMAGES" \
  --iterations "$FIT_STEPS" --resume --out "$OUT" --prior random \
  --prior "{kind: strainer, $DATA, iterations: $STRAINER_STEPS}" \
  --prior "{kind: strainer-1, $DATA, iterations: $SINGLE_STEPS}" \
  --prior "{kind: fitted, $DATA, iterations: $SINGLE_STEPS}" \
  --prior "{kind: meta, $DATA, iterations: $META_STEPS, algorithm: reptile, outer_lr: 1.0e-4}" \
  --executor "$EXECUTOR" $SLURM_ARGS 2>>"$OUT/compare.log"
