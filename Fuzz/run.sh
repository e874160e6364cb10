#!/usr/bin/env bash
# make fuzz: builds the fuzz targets (Fuzz/Package.swift) with libFuzzer and AddressSanitizer, then runs each for
# FUZZ_SECONDS (default 600) under -rss_limit_mb=2048 and -timeout=2, one process at a time (-jobs=1 -workers=1), on
# inputs of up to 16 KiB (-max_len; larger seeds, such as a regression's decompression bomb, are cut to that).
# FUZZ_TARGETS picks targets (default: every Fuzz/Sources/fuzz-*, e.g. FUZZ_TARGETS="png tiff").
# Each target starts from its seeds (Fuzz/corpus/<reader>) and crash regressions (Fuzz/regressions/<reader>) plus the
# inputs earlier runs found interesting (.build/fuzz/corpus/<reader>); findings (crash-, timeout-, oom-, leak- files)
# land in .build/fuzz/findings/<reader>/. Prints one line per target: executions, seconds and the result.
# Exit status 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-600}
TARGETS=${FUZZ_TARGETS:-$(cd Fuzz/Sources && ls -d fuzz-* | sed 's/^fuzz-//')}
BUILD=.build/fuzz

# Every Swift module is instrumented for coverage and AddressSanitizer, and so are the C shims around libpng and
# libjpeg; the system libraries themselves (libpng, libtiff, libjpeg, OpenBLAS, FFTW) are not.
"$SWIFT" build -c release --package-path Fuzz --scratch-path "$BUILD" \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address

# Scratch files for the image readers go to memory when it can.
scratch=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )/strainer-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp"

failed=0
for target in $TARGETS; do
    corpus=$BUILD/corpus/$target findings=$BUILD/findings/$target logs=$BUILD/logs/$target
    mkdir -p "$corpus" "$findings" "$logs" Fuzz/regressions/"$target"
    # With -jobs=1 libFuzzer runs the fuzzing in one child process writing logs/fuzz-0.log.
    (cd "$logs" && rm -f fuzz-0.log && "$OLDPWD/$BUILD/release/fuzz-$target" "$OLDPWD/$corpus" \
        "$OLDPWD/Fuzz/corpus/$target" "$OLDPWD/Fuzz/regressions/$target" \
        -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=2 -max_len=16384 -jobs=1 -workers=1 \
        -artifact_prefix="$OLDPWD/$findings/" >/dev/null 2>&1) || true
    log=$logs/fuzz-0.log
    done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
    finding=$(grep -Eo "(crash|timeout|oom|leak|slow-unit)-[0-9a-f]+" "$log" | tail -1 || true)
    if [ -n "$finding" ] || [ -z "$done_line" ]; then
        failed=1
        echo "fuzz-$target: FOUND ${finding:-a failure} after $(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#') executions — $findings/ and $log"
    else
        echo "fuzz-$target: $(echo "$done_line" | awk '{print $2}') executions in $(echo "$done_line" | awk '{print $5}') s, no crash, hang or out-of-memory"
    fi
done
exit $failed
