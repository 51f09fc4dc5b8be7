#!/usr/bin/env bash
# The README's first command: install, build, and extract samples/ into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build/itax extract samples/ --out output/
