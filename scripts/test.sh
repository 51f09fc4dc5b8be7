#!/usr/bin/env bash
# The README's test command: install, build, check the rules, run every test;
# then the same tests again in an ASan + UBSan build (build-asan/), then each
# fuzz target for a short while (scripts/fuzz, build-fuzz/).
#
#   ITAX_SANITIZERS=0   skip the ASan + UBSan build and its tests
#   ITAX_FUZZ_SECONDS=N seconds per fuzz target (default 60; 0 skips fuzzing)
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$SECONDS
scripts/setup.sh
scripts/build.sh
build/itax rules check rules
(cd build && ctest --output-on-failure -j "${JOBS:-$(nproc)}")
echo "test.sh: normal build and tests done in $((SECONDS - t0)) s"

if [ "${ITAX_SANITIZERS:-1}" != 0 ]; then
  # -O1 keeps it fast enough; asserts stay on (no NDEBUG). Any ASan or UBSan
  # report fails the test that triggered it: UBSan does not recover, and
  # LeakSanitizer runs at every exit.
  BUILD_DIR=build-asan BUILD_TYPE=Debug scripts/build.sh -DITAX_SANITIZE=ON -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g"
  export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:check_initialization_order=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0
  # Sanitized code is 2-3x slower and bigger: the e2e time and memory bounds scale.
  export ITAX_E2E_TIME_FACTOR=3 ITAX_E2E_MEM_FACTOR=3
  build-asan/itax rules check rules
  (cd build-asan && ctest --output-on-failure -j "${JOBS:-$(nproc)}")
  echo "test.sh: ASan + UBSan tests done at $((SECONDS - t0)) s"
fi

if [ "${ITAX_FUZZ_SECONDS:-60}" != 0 ]; then
  scripts/fuzz all "${ITAX_FUZZ_SECONDS:-60}"
  echo "test.sh: fuzzing done at $((SECONDS - t0)) s"
fi
echo "test.sh: all done in $((SECONDS - t0)) s"
