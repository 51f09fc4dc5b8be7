#!/usr/bin/env bash
# Installs everything itax needs on Debian 12 (as root, or with sudo).
# Build and test dependencies only come from Debian's packages: nothing is
# downloaded at build or run time.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PACKAGES=(
  build-essential cmake pkg-config ccache
  libpoppler-cpp-dev libpoppler-private-dev poppler-utils libdatrie-dev libthai-data
  libicu-dev libxml2-dev libre2-dev libspdlog-dev libfmt-dev
  libzip-dev libssl-dev libjemalloc-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev libyaml-dev catch2
  python3 python3-jsonschema
  # sanitizers, fuzzing and the hostile-input tests (scripts/test.sh, scripts/fuzz)
  clang-14 libclang-rt-14-dev zlib1g-dev strace time
)
# bench/run only (scripts/setup.sh --bench): corpus generation, the tools
# itax is compared with, and the profilers.
if [ "${1:-}" = "--bench" ]; then
  PACKAGES+=(qpdf valgrind pandoc python3-fitz python3-pdfminer python3-docx python3-lxml time)
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi
