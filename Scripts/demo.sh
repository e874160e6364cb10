#!/usr/bin/env bash
# The main job of `make demo`: two inverse problems on held-out faces — denoising (σ = 0.1) and ×4
# super-resolution — each solved from a random SIREN and from a STRAINER prior, beside a classical baseline —
# then `strainer reconstruct` on a noisy non-square photo, as a user brings one.
# The STRAINER prior is trained on the 10 bundled training faces by the first problem and reused by the second
# (and by every later run: it is kept in Results/priors/ and retrained only when the recipe or images change).
# Sized to run in a few minutes on 2 cores (DEMO_SIZE, DEMO_IMAGES, DEMO_STEPS and DEMO_PRIOR_STEPS scale it);
# `strainer compare PROBLEM` without these options runs a problem at its full size.
set -euo pipefail
cd "$(dirname "$0")/.."
strainer="${1:-.build/release/strainer}"
size="${DEMO_SIZE:-64}"
scale=(--size "$size" --images "${DEMO_IMAGES:-3}" --iterations "${DEMO_STEPS:-300}" --evaluate-every 10
       --prior-iterations "${DEMO_PRIOR_STEPS:-1000}")

echo "== the problems this suite knows"
"$strainer" problems
for problem in denoise-faces-s01 sr4-faces; do
    echo
    echo "== $problem at ${size}×${size}: random SIREN, STRAINER and the classical baselines"
    "$strainer" compare "$problem" "${scale[@]}"
done

echo
echo "== your own measurement: a noisy photo that is not square (Examples/chelsea-100x150.png with Gaussian noise σ = 0.1,"
echo "   saved as 8-bit PNG as a camera would), reconstructed at its own 100×150 size; the clean photo only scores the result"
mkdir -p Results/demo
"$strainer" simulate --operator '{name: identity}' --noise '{name: gaussian, sigma: 0.1}' --seed 1 \
    Examples/chelsea-100x150.png Results/demo/chelsea-noisy.png
"$strainer" reconstruct Results/demo/chelsea-noisy.png --operator '{name: identity}' \
    --out Results/demo/chelsea-reconstructed.png --reference Examples/chelsea-100x150.png
