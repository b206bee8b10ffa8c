#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang 14 (build-fuzz/) and runs
# each for SECONDS (default 60), two at a time. Each starts from the seeds
# make_seeds writes from the test data plus its corpus of earlier runs, and
# first replays every input kept in fuzz/regressions/TARGET/ (past findings,
# which must stay fixed). A crash stops the run with the input saved under
# build-fuzz/findings/. Prints executions and coverage per target.
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(codec_fuzz wire_fuzz topic_fuzz config_fuzz lines_fuzz)
dir=$root/build-fuzz

"$root/scripts/install-deps.sh" clang-14 libclang-rt-14-dev
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$dir" -G Ninja -DASTRID_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$dir" -j "${ASTRID_JOBS:-$(nproc)}"
rm -rf "$dir/seeds"
"$dir/fuzz/make_seeds" "$root/tests/data/serde-vectors.ndjson" "$root/config/astrid-bus.conf" \
  "$dir/seeds"
mkdir -p "$dir/findings" "$dir/logs"

run() {
  local t=$1 reg=$root/fuzz/regressions/$1
  mkdir -p "$dir/corpus/$t"
  if compgen -G "$reg/*" >/dev/null; then
    "$dir/fuzz/$t" -runs=1 "$reg"/* >"$dir/logs/$t.regressions" 2>&1 ||
      { echo "fuzz: $t: a kept regression input fails again:"; tail -30 "$dir/logs/$t.regressions"; return 1; }
  fi
  "$dir/fuzz/$t" -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$dir/findings/$t-" "$dir/corpus/$t" "$dir/seeds/$t" \
    >"$dir/logs/$t.log" 2>&1 ||
    { echo "fuzz: $t found a crash:"; grep -A30 -m1 'ERROR\|==ERROR\|deadly signal\|abort' \
        "$dir/logs/$t.log" | head -40; ls "$dir/findings/$t-"* 2>/dev/null; return 1; }
}

summary() {
  local t=$1 log=$dir/logs/$1.log
  local execs cov ft
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  printf 'fuzz: %-12s %12s executions  coverage %6s edges  %7s features  corpus %s\n' \
    "$t" "$execs" "$cov" "$ft" "$(ls "$dir/corpus/$t" | wc -l)"
}

failed=0
jobs=${ASTRID_JOBS:-$(nproc)}
pids=()
for t in "${targets[@]}"; do
  run "$t" & pids+=($!)
  if [ ${#pids[@]} -ge "$jobs" ]; then wait "${pids[0]}" || failed=1; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
for t in "${targets[@]}"; do summary "$t"; done
[ $failed -eq 0 ] || { echo "fuzz: FAILED (keep each fixed finding in fuzz/regressions/TARGET/)"; exit 1; }
echo "fuzz: passed, ${secs} s per target"
