#!/usr/bin/env bash
# The README's test command: install, build, check the rules, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build/itax rules check rules
cd build && ctest --output-on-failure -j "${JOBS:-$(nproc)}"
