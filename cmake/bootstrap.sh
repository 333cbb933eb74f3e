#!/usr/bin/env bash
# Takes a fresh Debian machine to a built lcsynth, then either synthesizes the LibreChat stack
# or runs the whole test suite (a normal build and an ASan+UBSan build). Installs whatever
# Debian packages are missing first (as root, or through sudo).
#
#   bash cmake/bootstrap.sh synth   # -> cdktf.out/stacks/librechat/cdk.tf.json
#   bash cmake/bootstrap.sh test    # -> ctest, twice
set -euo pipefail

mode=${1:-}
case "$mode" in
  synth|test) ;;
  *) echo "usage: bash cmake/bootstrap.sh synth|test" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

# Debian packages lcsynth builds with; nothing else is downloaded.
packages=(g++ cmake make pkg-config nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev libre2-dev catch2)
# The tests also run `lcsynth graph --format svg|png`, which needs Graphviz's dot.
if [ "$mode" = test ]; then packages+=(graphviz); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build() {  # build DIR [cmake options...]
  local dir=$1; shift
  cmake -S . -B "$dir" -DLCSYNTH_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
}

if [ "$mode" = synth ]; then
  build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLCSYNTH_BUILD_TESTS=OFF
  ./build/lcsynth synth --config examples/librechat/dev.json
  exit 0
fi

# Tests: the release-like build, then the same suite under AddressSanitizer and UBSan.
build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLCSYNTH_BUILD_TESTS=ON
ctest --test-dir build --output-on-failure -j"$jobs"
build build-asan -DCMAKE_BUILD_TYPE=Debug -DLCSYNTH_BUILD_TESTS=ON -DLCSYNTH_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
