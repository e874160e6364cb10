#!/usr/bin/env bash
# make test-kernels: the tests whose numbers go through OpenBLAS — the network, solver and prior oracles and the
# reproducibility tests (threads, --jobs, resume) — run again under every OpenBLAS kernel family this CPU can
# execute (OPENBLAS_CORETYPE), so a difference between families shows on any machine, not only on the CPU whose
# family it is. The families come from `strainer --version` (from /proc/cpuinfo's flags).
#
#   Scripts/test-kernels.sh "<swift test flags>"
#
# Ends with one line "test-kernels: N passed, M failed" (test runs over all families) and a non-zero status when any
# family failed.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=${1:?usage: Scripts/test-kernels.sh "<swift test flags>"}
swift=${SWIFT:-swift}

# Tests of modules that call sgemm, and the command-line tests that compare bits across threads, jobs and resumes
# (RunsTests' in-process --jobs and resume tests run once, in `make test`, to keep CI under 15 minutes).
filter='INRTests|SolverTests|PriorsTests|CompareCommandTests.testFitsRunSeveralAtOnceGiveTheSameBits|ResumeTests|CommandLineTests.testVersionAndUsageErrors'

# shellcheck disable=SC2086
$swift build $flags --build-tests >/dev/null
families=$(.build/release/strainer --version | sed -n 's/^Kernel families this CPU runs: //p')
if [ -z "$families" ]; then
  echo "error: strainer --version lists no OpenBLAS kernel family for this CPU" >&2
  exit 1
fi
echo "OpenBLAS kernel families this CPU runs: $families"

passed=0 failed=0 failing=""
for family in $families; do
  log=$(mktemp)
  start=$SECONDS
  # shellcheck disable=SC2086
  if OPENBLAS_CORETYPE=$family $swift test $flags --skip-build --filter "$filter" >"$log" 2>&1; then status=0; else status=1; fi
  summary=$(grep -E "Executed [0-9]+ tests" "$log" | tail -1 | sed 's/^[[:space:]]*//')
  tests=$(sed -E 's/Executed ([0-9]+) tests?, with ([0-9]+) failures?.*/\1/' <<<"$summary")
  failures=$(sed -E 's/Executed ([0-9]+) tests?, with ([0-9]+) failures?.*/\2/' <<<"$summary")
  if [ "$status" -ne 0 ] || [ -z "$summary" ]; then
    grep -E "error:|Fatal|crashed" "$log" | head -20 || true
    failing="$failing $family"
  fi
  echo "$family: ${summary:-no test ran} ($((SECONDS - start)) s)"
  passed=$((passed + ${tests:-0} - ${failures:-0}))
  failed=$((failed + ${failures:-0}))
  [ "$status" -ne 0 ] && [ "${failures:-0}" -eq 0 ] && failed=$((failed + 1))  # a crash counts as a failure
  rm -f "$log"
done

echo "test-kernels: $passed passed, $failed failed"
if [ -n "$failing" ]; then
  echo "error: tests failed under the OpenBLAS kernel families:$failing" >&2
  exit 1
fi
