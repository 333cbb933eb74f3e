#!/usr/bin/env bash
# lcsynth against cdktf, whole processes, on this machine. Builds lcsynth (Release) when
# needed, installs the cdktf reference (tests/bench/cdktf) from the npm registry into the build
# directory when needed (never into the source tree, where grep and CMake's test glob would walk
# its 400 MB), checks that both tools build the same stack, then times each case and prints a
# Markdown report:
#
#   LibreChat   `lcsynth synth -q --config examples/librechat/dev.json -o DIR` (two stacks)
#               vs `node main.js --copies 1` (the same elements in one cdktf stack)
#   disk share  `cp -r` of the LibreChat synth's output (its 16 files and directories made by
#               a process that does nothing else: read against the start floor `true`)
#   N copies    `lcsynth-bench --copies N -o DIR` vs `node main.js --copies N -o DIR`,
#               N = 1, 10, 100, 1000
#   disk share  `cp -r` of an N = 1000 output (its files and directories: 6 and 8 since the
#               copies' modules share their sources, 4,002 and 4,004 before)
# and last, each target of issue 6 read off cdktf's figures in the run, met or not met.
#
# Wall time and peak memory: tests/bench/run_timed.cc (built with the benchmark) forks and
# execs the command and reports CLOCK_MONOTONIC from before fork() to the return of wait4(), and
# the child's ru_maxrss; the median of the runs. Nothing of the measuring is in the figures but
# a fork and an exec, the "process start floor" row.
# Every run writes into a directory of its own that no earlier run used, like a first synth
# into a fresh checkout, under the build directory (LCSYNTH_BENCH_DIR to choose another
# place). Outputs are deleted only when the script ends: ext4 without a journal (this
# machine's root filesystem) does not reuse the inodes of files deleted in the last minutes
# (fs/ext4/ialloc.c, find_inode_bit: an inode whose deletion time is under 60 s old, 360 s
# while its inode table block is dirty, is skipped), and after deleting the 8,000 files and
# directories of an N=1000 output, each new one's inode allocation scans past them (perf: ext4
# recently_deleted), which tripled lcsynth's system time (0.33 s -> 0.98 s) when every run
# followed the deletion of the last. An N=1000 run of each tool takes 55 MB of disk. For the
# same reason the script waits, before the timed cases, until 6 minutes have passed since an
# earlier run of it deleted its outputs in the same place (it notes the time there), then until
# a mkdir in its output directory takes at most 35 µs (13-30 µs on this machine's disk when
# nothing was deleted in the last minutes; 40-140 µs for some minutes after a build tree or a
# previous run's outputs were deleted, when `cp -r` of the LibreChat output took 3.0-3.5 ms
# instead of 1.4-1.6), for at most LCSYNTH_BENCH_SETTLE_S seconds in all (default 600; 0 does
# not wait), and reports what it found.
#
# Usage: tests/bench/run.sh [--quick] [--no-cdktf] [--runs N] [--rounds R] [--build-dir DIR]
#   --quick       skip N=1000 for cdktf (about a minute and a half of the run)
#   --no-cdktf    lcsynth only (no node, no npm)
#   --runs N      runs per case and round (default 5; 4 N for lcsynth's LibreChat, N = 1 and
#                 N = 10 and the start floor; cdktf N=1000 gets min(N, 3) in all, spread over
#                 the rounds)
#   --rounds R    rounds of each case that both tools run (default 3): lcsynth's runs, then
#                 cdktf's, R times over, each tool's figure the median of its runs in all rounds
#   --build-dir   the Release build directory (default build-release)
# The rounds are there because the two tools' runs of a case are minutes apart at most but not
# simultaneous, and these VMs' speed drifts: in one run of session 25 lcsynth's LibreChat
# synth, timed in one block, took 1.96 ms, and 1.59-1.61 in the two runs before, while its
# N = 1 took 1.60 as before. Taking each tool's runs in R blocks spread over the case, each with
# its own warm-up, lets a slow moment weigh on one block of each rather than on one tool's
# whole figure. The report lists each round's medians.
# Before each case's timed runs its command runs untimed for LCSYNTH_BENCH_WARMUP_S seconds
# (default 1, whole seconds; at least once; 0: no warm-up): see measure() below.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench="$root/tests/bench"
quick=0 cdktf=1 runs=5 rounds=3 build="$root/build-release" warmup_s=${LCSYNTH_BENCH_WARMUP_S:-1}
while (($#)); do
  case "$1" in
    --quick) quick=1 ;;
    --no-cdktf) cdktf=0 ;;
    --runs) runs=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --build-dir) build=$(realpath -m "$2"); shift ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "run.sh: $*" >&2; }
die() { echo "run.sh: error: $*" >&2; exit 1; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs takes a whole number above 0, found '$runs'"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "--rounds takes a whole number above 0, found '$rounds'"
[[ $warmup_s =~ ^(0|[1-9][0-9]*)$ ]] || die "LCSYNTH_BENCH_WARMUP_S must be a whole number of seconds without leading zeros, found '$warmup_s'"

# --- Tools -----------------------------------------------------------------------------------
log "building lcsynth (Release) in $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
nice cmake --build "$build" -j "$(nproc)" --target lcsynth_bin lcsynth_bench run_timed >&2
lcsynth="$build/lcsynth"
lcsynth_bench="$build/lcsynth-bench"
run_timed="$build/run-timed"

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

# Outputs go under the build directory, on the checkout's disk like a CI workspace's (on the
# machine of docs/benchmarks.md, /tmp was a fragmented part of the same disk where creating a
# file took 0.4 ms instead of 0.06). LCSYNTH_BENCH_DIR=/dev/shm measures without a disk.
base=${LCSYNTH_BENCH_DIR:-$build}
work=$(mktemp -d "$base/bench-run.XXXXXX")
# Warm-up runs write into tmpfs when there is one: they are there to warm the machine, not the
# disk, and a thousand more inodes on the disk per run would be a thousand more deleted ones
# for the next run to wait out (see "The disk's state" below).
# On tmpfs they are deleted after each case; on the disk, only with the rest at the end.
warm_clear=0
if [[ -d /dev/shm && -w /dev/shm ]]; then
  warm=$(mktemp -d /dev/shm/lcsynth-bench-warmup.XXXXXX)
  warm_clear=1
else
  warm="$work/warmup"
  mkdir "$warm"
fi
# When the outputs were on a disk, the time they were deleted goes into $base, for the next
# run's wait.
cleaned_mark="$base/.lcsynth-bench-cleaned"
cleanup() {
  rm -rf "$warm" "$work"
  [[ $(stat -f -c %T "$base") == tmpfs ]] || date +%s >"$cleaned_mark"
}
trap cleanup EXIT

# --- Measuring -------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure RUNS CMD...: runs CMD (which writes into ./out) RUNS times, each in a new empty
# directory; prints "<wall ms> <peak RSS KiB>" for each run (medians below). Before them,
# unless warmup_s is 0, CMD runs untimed (each run in a new directory too) until warmup_s
# seconds have passed, at least once: on these VMs a process's first runs after the machine has been idle are slower,
# and the first cases follow the wait for the disk below (60 LibreChat synths after 45 s idle,
# on the disk: the first two 2.5-2.6 ms, the next twenty 2.03 median, the last twenty 1.90; on
# tmpfs 2.7, then 1.70, then 1.65). Both tools get the same warm-up.
measure() {
  local n=$1; shift
  local i result dir end
  if ((warmup_s > 0)); then
    end=$((${EPOCHREALTIME/[.,]/} + warmup_s * 1000000))  # µs
    while :; do
      dir=$(mktemp -d "$warm/run.XXXXXX")
      if ! (cd "$dir" && "$run_timed" "$work/stderr" "$@" >/dev/null); then
        cat "$work/stderr" >&2
        die "failed: $*"
      fi
      ((${EPOCHREALTIME/[.,]/} < end)) || break
    done
    ((warm_clear == 0)) || rm -rf "${warm:?}"/run.*
  fi
  for ((i = 0; i < n; ++i)); do
    dir=$(mktemp -d "$work/run.XXXXXX")  # (measure runs in a subshell: no counter survives it)
    if ! result=$(cd "$dir" && "$run_timed" "$work/stderr" "$@"); then
      cat "$work/stderr" >&2
      die "failed: $*"
    fi
    echo "$result"
  done
}
# medians: reads measure's lines, prints "<median wall ms> <median peak RSS KiB>". (Take its
# output with r=$(measure ... | medians), not inside a here-string: a failure there would not
# stop the script.)
medians() {
  local runs
  runs=$(cat)
  echo "$(cut -d' ' -f1 <<<"$runs" | median) $(cut -d' ' -f2 <<<"$runs" | median)"
}

# --- Same stack? -----------------------------------------------------------------------------
# Each check writes into directories of its own, kept until the end like the timed runs'
# outputs, so that nothing is deleted before the first timed case (which had followed the
# deletion of the previous check's outputs).
check_same_stack() {
  local copies=$1
  local lc="$work/same-$copies/lc" cd="$work/same-$copies/cd"
  mkdir -p "$work/same-$copies"
  "$lcsynth_bench" --copies "$copies" --output "$lc" 2>/dev/null
  node "$reference/main.js" --copies "$copies" --output "$cd" >/dev/null
  node "$bench/count_blocks.js" "$lc" >"$lc.counts"
  node "$bench/count_blocks.js" "$cd" >"$cd.counts"
  if ! diff -u --label "lcsynth-bench --copies $copies" --label "cdktf main.js --copies $copies" "$lc.counts" "$cd.counts" >&2; then
    die "lcsynth-bench and the cdktf reference build different stacks for N=$copies (counts above)"
  fi
  log "N=$copies: both tools declare the same $(grep -c . "$lc.counts") kinds of blocks in the same numbers"
}
if ((cdktf)); then
  check_same_stack 1
  check_same_stack 10
fi

# --- The disk's state -----------------------------------------------------------------------
# A mkdir's cost in the output directory: 32 directories made by one `mkdir`, less the start
# floor, per directory, in µs (medians of 5). See the comment at the top for why it can be slow.
mkdir_us() {
  local t_mkdir t_true warmup_s=0  # a probe, not a case: no warm-up (it would make directories)
  t_true=$(measure 5 true | medians | cut -d' ' -f1)
  # shellcheck disable=SC2046  # one argument per directory
  t_mkdir=$(measure 5 mkdir out $(seq -f 'out/d%g' 1 31) | medians | cut -d' ' -f1)
  awk -v a="$t_mkdir" -v b="$t_true" 'BEGIN { v = (a - b) * 1000 / 32; printf "%.0f", (v < 0 ? 0 : v) }'
}
settle_limit=${LCSYNTH_BENCH_SETTLE_S:-600}
settled_us=35
waited=0
# An earlier run of this script deleted its outputs here less than 6 minutes ago: ext4 may skip
# their inodes for that long (60 s, 360 s while their inode table block is dirty), and a mkdir
# that happens to be quick at first says nothing about the files made later in the same block
# group (a run 40 s after a deletion measured 33 µs for a mkdir, then 3.04 ms for `cp -r` of the
# LibreChat output, against 1.40 in the runs before). Wait out the rest of those 6 minutes.
if [[ -f $cleaned_mark ]] && ((settle_limit > 0)); then
  since=$(($(date +%s) - $(cat "$cleaned_mark")))
  if ((since >= 0 && since < 360)); then
    rest=$((360 - since))
    ((rest <= settle_limit)) || rest=$settle_limit
    log "this script deleted its outputs in $base $since s ago: waiting $rest s for them to age (see the top of $0)"
    sleep "$rest"
    waited=$rest
  fi
fi
disk_us=$(mkdir_us)
while ((disk_us > settled_us && waited < settle_limit)); do
  log "a mkdir takes $disk_us µs here: waiting 20 s for earlier deletions to age (see the top of $0)"
  sleep 20
  waited=$((waited + 20))
  disk_us=$(mkdir_us)
done
disk_note="a mkdir in the output directory took $disk_us µs when the cases began"
((waited == 0)) || disk_note="$disk_note, after waiting $waited s for earlier deletions to age"
((disk_us <= settled_us)) || disk_note="$disk_note (still above $settled_us µs: the disk's share of the small cases is larger than usual)"
log "$disk_note"

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

# The issue's targets, read off this run: "LABEL: R× (target T×: at most X UNIT) met|not met".
targets=()
target() {  # label cdktf lcsynth ratio unit decimals
  awk -v l="$1" -v c="$2" -v x="$3" -v r="$4" -v u="$5" -v d="$6" 'BEGIN {
    f = "%." d "f"
    printf "- %s: %.1f× (target %d×: at most " f " %s, took " f ") %s\n", l, c / x, r, c / r, u, x, (c / x >= r ? "**met**" : "**not met**") }'
}

# Processes of a few milliseconds vary more from run to run: four times the runs for them.
short=$((runs * 4))
log "process start floor (true)"
r=$(measure "$short" true | medians)
read -r t m <<<"$r"
row "process start floor (\`true\`)" "$t" "$m"

# compare LABEL K_LC K_CD: lcsynth's command (the array lc_cmd) K_LC times, then cdktf's
# (cd_cmd) K_CD times, `rounds` times over; sets lt lm and ct cm to each tool's medians over all
# its runs, and adds each round's medians to round_lines for the report.
round_lines=()
compare() {
  local label=$1 k_lc=$2 k_cd=$3 round a b lc_runs="" cd_runs="" per=""
  for ((round = 1; round <= rounds; ++round)); do
    ((rounds == 1)) || log "$label: round $round of $rounds"
    a=$(measure "$k_lc" "${lc_cmd[@]}")
    b=$(measure "$k_cd" "${cd_cmd[@]}")
    lc_runs+="$a"$'\n'
    cd_runs+="$b"$'\n'
    per+=$(awk -v r="$round" -v x="$(cut -d' ' -f1 <<<"$a" | median)" -v c="$(cut -d' ' -f1 <<<"$b" | median)" 'BEGIN { printf "%s%.2f / %.1f ms (%.0f×)", (r > 1 ? "; " : ""), x, c, c / x }')
  done
  read -r lt lm <<<"$(sed '/^$/d' <<<"$lc_runs" | medians)"
  read -r ct cm <<<"$(sed '/^$/d' <<<"$cd_runs" | medians)"
  round_lines+=("- $label, lcsynth / cdktf by round: $per")
}

log "LibreChat: lcsynth synth vs cdktf --copies 1"
lc_cmd=("$lcsynth" synth -q --config "$root/examples/librechat/dev.json" -o out)
if ((cdktf)); then
  cd_cmd=(node "$reference/main.js" --copies 1 --output out)
  compare "LibreChat synth" "$short" "$runs"
  row "LibreChat synth (lcsynth CLI, 2 stacks)" "$lt" "$lm" "$ct" "$cm"
  targets+=("$(target "LibreChat synth, time" "$ct" "$lt" 100 ms 2)")
else
  r=$(measure "$short" "${lc_cmd[@]}" | medians)
  read -r lt lm <<<"$r"
  row "LibreChat synth (lcsynth CLI, 2 stacks)" "$lt" "$lm"
fi
# The disk's share of that synth on this run: its output's 16 files and directories made by
# one process that does nothing else (`cp -r` of a copy, its sources in the page cache), to
# read against the start floor above and against the same row of a tmpfs run
# (LCSYNTH_BENCH_DIR=/dev/shm): in session 12, 3.35 ms on the disk, 1.49 on tmpfs, `true`
# 0.72 (medians of 20, docs/benchmarks.md).
log "LibreChat output copied (cp -r)"
"$lcsynth" synth -q --config "$root/examples/librechat/dev.json" -o "$work/librechat-output" >/dev/null  # it lists the stacks written
r=$(measure "$short" cp -r "$work/librechat-output" out | medians)
read -r t m <<<"$r"
row "the LibreChat synth's output copied (\`cp -r\`: start floor + its 16 files and directories)" "$t" "$m"

# cdktf's N = 1000 takes about 15 s a run: min(runs, 3) runs in all, spread over the rounds.
cd_1000_runs=$((runs > 3 ? 3 : runs))
for n in 1 10 100 1000; do
  log "N=$n"
  k=$runs
  ((n <= 10)) && k=$short
  lc_cmd=("$lcsynth_bench" --copies "$n" --output out)
  if ((cdktf)) && ! ((quick && n == 1000)); then
    cd_cmd=(node "$reference/main.js" --copies "$n" --output out)
    kc=$runs
    ((n == 1000)) && kc=$(((cd_1000_runs + rounds - 1) / rounds))
    compare "N = $n" "$k" "$kc"
    row "N = $n" "$lt" "$lm" "$ct" "$cm"
    if ((n == 1000)); then
      targets+=("$(target "N = 1000, time" "$ct" "$lt" 50 ms 1)")
      targets+=("$(target "N = 1000, peak memory" "$(awk -v k="$cm" 'BEGIN { print k / 1024 }')" "$(awk -v k="$lm" 'BEGIN { print k / 1024 }')" 8 MiB 1)")
    fi
  else
    r=$(measure "$k" "${lc_cmd[@]}" | medians)
    read -r lt lm <<<"$r"
    row "N = $n" "$lt" "$lm"
  fi
done
# The disk's share of N = 1000 on this run, as for LibreChat above: its output's files and
# directories made by `cp -r` (sources in the page cache), which writes the same tree with
# nothing to compute. cdktf's N = 1000 output is two files; this row says what the layout of
# lcsynth's (a directory per local module, as the spec lays the LibreChat modules out) costs this
# disk before any synthesis (docs/benchmarks.md, "What stands in the way").
log "N=1000 output copied (cp -r)"
"$lcsynth_bench" --copies 1000 --output "$work/n1000-output" 2>"$work/summary"  # its line also goes in the report
n1000_files=$(find "$work/n1000-output" -type f | wc -l)
n1000_dirs=$(find "$work/n1000-output" -type d | wc -l)
r=$(measure "$runs" cp -r "$work/n1000-output" out | medians)
read -r t m <<<"$r"
row "the N = 1000 output copied (\`cp -r\`: start floor + its $n1000_files files and $n1000_dirs directories)" "$t" "$m"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

runs_note="$runs a case (medians); $short for the start floor and lcsynth's LibreChat, N = 1 and N = 10"
if ((cdktf && rounds > 1)); then
  runs_note+="; the cases both tools run in $rounds rounds (lcsynth's runs, then cdktf's, $rounds times over), those runs in each round and each tool's figure the median of all its runs; cdktf N = 1000: $(((cd_1000_runs + rounds - 1) / rounds)) a round"
elif ((cdktf)); then
  runs_note+="; cdktf N = 1000: $cd_1000_runs"
fi
if ((warmup_s)); then
  runs_note+="; before the runs of each case and round, its command ran untimed for $warmup_s s (at least once)"
else
  runs_note+="; no warm-up runs"
fi

# --- Report ----------------------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
cat <<EOF
### Machine

- CPU: $cpu, $(nproc) cores available
- Memory: $mem; kernel $(uname -sr); $(g++ --version | head -n 1); $( ((cdktf)) && echo "node $(node --version), cdktf 0.21.0, @cdktf/provider-aws 21.22.1" || echo "cdktf not run")
- lcsynth $(git -C "$root" describe --always --dirty 2>/dev/null || echo "(no git)"), CMake Release build
- Load average (1, 5, 15 min): $load_before before, $load_after after
- Disk: $disk_note
- Runs: $runs_note
- N = 1000 output: $(sed 's/^lcsynth-bench: N=[0-9]*: //' "$work/summary" | sed "s| in '.*'||")

### Results

| case | lcsynth wall (ms) | lcsynth peak RSS (MiB) | cdktf wall (ms) | cdktf peak RSS (MiB) | cdktf / lcsynth time | cdktf / lcsynth memory |
|---|---:|---:|---:|---:|---:|---:|
EOF
printf '%s\n' "${rows[@]}"
if ((${#round_lines[@]} && rounds > 1)); then
  printf '\n### By round\n\n'
  printf '%s\n' "${round_lines[@]}"
fi
if ((${#targets[@]})); then
  printf '\n### Against the targets (this run)\n\n'
  printf '%s\n' "${targets[@]}"
fi
