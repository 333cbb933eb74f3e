#!/bin/sh
# Builds the libFuzzer targets with clang (in build-fuzz/) and runs each for SECONDS (default
# 600) on a temporary copy of its seed corpus, then prints per target: executions, exec/s,
# coverage (cov/ft from libFuzzer's last status line) and crashes found.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
# Crash inputs are kept in build-fuzz/findings/<target>/; add each to tests/fuzz/corpus/<target>/
# with a regression test once the bug is fixed.
set -eu

seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-config_fuzz expr_fuzz synth_fuzz}
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-fuzz"

# Debian's clang, and the runtime with libFuzzer and the sanitizers, when missing.
missing=""
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "run.sh: installing$missing" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

# -O1 and line tables only: what libFuzzer suggests, and much quicker to compile than -O2 -g.
cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Fuzz \
  -DCMAKE_CXX_FLAGS_FUZZ="-O1 -gline-tables-only" \
  -DLCSYNTH_FUZZ=ON -DLCSYNTH_BUILD_TESTS=OFF >/dev/null
# shellcheck disable=SC2086  # the target list is meant to split
cmake --build "$build" -j"${JOBS:-2}" --target $targets >&2  # stdout: only the summary

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
summary=""
for t in $targets; do
  rm -rf "$build/findings/$t"
  mkdir -p "$work/$t" "$build/findings/$t"
  cp -R "$root/tests/fuzz/corpus/$t/." "$work/$t/"
  dict=""
  [ -f "$root/tests/fuzz/$t.dict" ] && dict="-dict=$root/tests/fuzz/$t.dict"
  log="$build/findings/$t/run.log"
  echo "== $t: ${seconds}s" >&2
  # shellcheck disable=SC2086
  "$build/tests/fuzz/$t" "$work/$t" $dict -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=4096 -artifact_prefix="$build/findings/$t/" >"$log" 2>&1 || true
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n1)
  cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
  crashes=$(find "$build/findings/$t" -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
  [ "$crashes" -eq 0 ] || status=1
  summary="$summary$(printf '%-11s executions=%s exec/s=%s cov=%s ft=%s crashes=%s' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$crashes")
"
done
printf '%s' "$summary"
exit $status
