#!/usr/bin/env bash
# lcsynth against cdktf, whole processes, on this machine. Builds lcsynth (Release) when
# needed, installs the cdktf reference (tests/bench/cdktf) from the npm registry into the build
# directory when needed (never into the source tree, where grep and CMake's test glob would walk
# its 400 MB), checks that both tools build the same stack, then times each case and prints a
# Markdown report:
#
#   LibreChat   `lcsynth synth -q --config examples/librechat/dev.json -o DIR` (two stacks)
#               vs `node main.js --copies 1` (the same elements in one cdktf stack)
#   N copies    `lcsynth-bench --copies N -o DIR` vs `node main.js --copies N -o DIR`,
#               N = 1, 10, 100, 1000
#
# Wall time: bash's $EPOCHREALTIME around `/usr/bin/time -f %M CMD` (microseconds; it includes
# the fork and exec of /usr/bin/time itself, about as long as the "process start" row), median
# of the runs. Peak memory: /usr/bin/time's maximum resident set size, median of the runs.
# Every run writes into a fresh directory, like a first synth.
#
# Usage: tests/bench/run.sh [--quick] [--no-cdktf] [--runs N] [--build-dir DIR]
#   --quick       skip N=1000 for cdktf (about a minute of the run)
#   --no-cdktf    lcsynth only (no node, no npm)
#   --runs N      runs per case (default 5; cdktf N=1000 gets min(N, 3))
#   --build-dir   the Release build directory (default build-release)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench="$root/tests/bench"
quick=0 cdktf=1 runs=5 build="$root/build-release"
while (($#)); do
  case "$1" in
    --quick) quick=1 ;;
    --no-cdktf) cdktf=0 ;;
    --runs) runs=$2; shift ;;
    --build-dir) build=$(realpath -m "$2"); shift ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "run.sh: $*" >&2; }
die() { echo "run.sh: error: $*" >&2; exit 1; }

# --- Tools -----------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  log "installing GNU time (apt-get install time)"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -qq time >&2; else sudo apt-get install -y -qq time >&2; fi
fi
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"

log "building lcsynth (Release) in $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
nice cmake --build "$build" -j "$(nproc)" --target lcsynth_bin lcsynth_bench >&2
lcsynth="$build/lcsynth"
lcsynth_bench="$build/lcsynth-bench"

reference="$build/cdktf-reference"
if ((cdktf)); then
  command -v node >/dev/null || die "node is missing (cdktf 0.21 needs Node.js >= 20.9), or use --no-cdktf"
  mkdir -p "$reference"
  cp "$bench/cdktf/main.js" "$reference/"
  if ! cmp -s "$bench/cdktf/package-lock.json" "$reference/package-lock.json" || [[ ! -d "$reference/node_modules" ]]; then
    log "installing the cdktf reference (npm ci in $reference)"
    cp "$bench/cdktf/package.json" "$bench/cdktf/package-lock.json" "$reference/"
    (cd "$reference" && npm ci --no-audit --no-fund >&2)
  fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/lcsynth-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- Measuring -------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure RUNS CMD...: runs CMD (which writes into $work/out) RUNS times from a fresh output
# directory; prints "<median wall ms> <median peak RSS KiB>".
measure() {
  local n=$1; shift
  local walls=() rsss=() i start end
  for ((i = 0; i < n; ++i)); do
    rm -rf "$work/out"
    start=$EPOCHREALTIME
    (cd "$work" && /usr/bin/time -f %M -o "$work/rss" -- "$@" >/dev/null 2>"$work/stderr") ||
      { cat "$work/stderr" >&2; die "failed: $*"; }
    end=$EPOCHREALTIME
    walls+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) * 1000 }')")
    rsss+=("$(tail -n 1 "$work/rss")")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${rsss[@]}" | median)"
}

# --- Same stack? -----------------------------------------------------------------------------
check_same_stack() {
  local copies=$1
  rm -rf "$work/lc" "$work/cd"
  "$lcsynth_bench" --copies "$copies" --output "$work/lc" 2>/dev/null
  node "$reference/main.js" --copies "$copies" --output "$work/cd" >/dev/null
  node "$bench/count_blocks.js" "$work/lc" >"$work/lc.counts"
  node "$bench/count_blocks.js" "$work/cd" >"$work/cd.counts"
  if ! diff -u --label "lcsynth-bench --copies $copies" --label "cdktf main.js --copies $copies" "$work/lc.counts" "$work/cd.counts" >&2; then
    die "lcsynth-bench and the cdktf reference build different stacks for N=$copies (counts above)"
  fi
  log "N=$copies: both tools declare the same $(grep -c . "$work/lc.counts") kinds of blocks in the same numbers"
}
if ((cdktf)); then
  check_same_stack 1
  check_same_stack 10
fi

# --- Cases -----------------------------------------------------------------------------------
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
row() {  # label lc_ms lc_kib [cd_ms cd_kib]
  local label=$1 lc_ms=$2 lc_kib=$3 cd_ms=${4:-} cd_kib=${5:-}
  if [[ -z "$cd_ms" ]]; then
    rows+=("$(awk -v l="$label" -v t="$lc_ms" -v m="$lc_kib" 'BEGIN { printf "| %s | %.2f | %.1f | – | – | – | – |", l, t, m / 1024 }')")
  else
    rows+=("$(awk -v l="$label" -v t="$lc_ms" -v m="$lc_kib" -v ct="$cd_ms" -v cm="$cd_kib" \
      'BEGIN { printf "| %s | %.2f | %.1f | %.1f | %.1f | %.0f× | %.1f× |", l, t, m / 1024, ct, cm / 1024, ct / t, cm / m }')")
  fi
}

log "process start floor (/usr/bin/time true)"
read -r t m < <(measure "$runs" true)
row "process start floor (\`true\`)" "$t" "$m"

log "LibreChat: lcsynth synth vs cdktf --copies 1"
read -r lt lm < <(measure "$runs" "$lcsynth" synth -q --config "$root/examples/librechat/dev.json" -o out)
if ((cdktf)); then
  read -r ct cm < <(measure "$runs" node "$reference/main.js" --copies 1 --output out)
  row "LibreChat synth (lcsynth CLI, 2 stacks)" "$lt" "$lm" "$ct" "$cm"
else
  row "LibreChat synth (lcsynth CLI, 2 stacks)" "$lt" "$lm"
fi

for n in 1 10 100 1000; do
  log "N=$n"
  read -r lt lm < <(measure "$runs" "$lcsynth_bench" --copies "$n" --output out)
  if ((cdktf)) && ! ((quick && n == 1000)); then
    r=$runs
    ((n == 1000 && r > 3)) && r=3
    read -r ct cm < <(measure "$r" node "$reference/main.js" --copies "$n" --output out)
    row "N = $n" "$lt" "$lm" "$ct" "$cm"
  else
    row "N = $n" "$lt" "$lm"
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Report ----------------------------------------------------------------------------------
rm -rf "$work/out"
"$lcsynth_bench" --copies 1000 --output "$work/out" 2>"$work/summary"
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
cat <<EOF
### Machine

- CPU: $cpu, $(nproc) cores available
- Memory: $mem; kernel $(uname -sr); $(g++ --version | head -n 1); $( ((cdktf)) && echo "node $(node --version), cdktf 0.21.0, @cdktf/provider-aws 21.22.1" || echo "cdktf not run")
- lcsynth $(git -C "$root" describe --always --dirty 2>/dev/null || echo "(no git)"), CMake Release build
- Load average (1, 5, 15 min): $load_before before, $load_after after
- Runs per case: $runs (median)$( ((cdktf)) && echo "; cdktf N = 1000: $((runs > 3 ? 3 : runs))")
- N = 1000 output: $(sed 's/^lcsynth-bench: //' "$work/summary" | sed "s| in '.*'||")

### Results

| case | lcsynth wall (ms) | lcsynth peak RSS (MiB) | cdktf wall (ms) | cdktf peak RSS (MiB) | cdktf / lcsynth time | cdktf / lcsynth memory |
|---|---:|---:|---:|---:|---:|---:|
EOF
printf '%s\n' "${rows[@]}"
