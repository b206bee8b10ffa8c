#!/usr/bin/env bash
# Installs dependencies, configures, builds and runs every test.
# usage: scripts/test.sh [--sanitize address|thread] [SUITE...]
#   address: AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
#   thread:  ThreadSanitizer (build-tsan/), against a TSan build of CAF
#            made once by scripts/caf-tsan.sh in build-tsan/caf/
#   SUITE:   build and run only these test executables (default: everything)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
san=""
if [ "${1:-}" = "--sanitize" ]; then san=${2:?"--sanitize needs address or thread"}; shift 2; fi
case "$san" in
  "")      dir=$root/build;      args=() ;;
  address) dir=$root/build-asan; args=(-DASTRID_SANITIZE=address -DASTRID_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug) ;;
  thread)  dir=$root/build-tsan; args=(-DASTRID_SANITIZE=thread -DASTRID_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
                                        "-DCAF_ROOT=$root/build-tsan/caf") ;;
  *) echo "unknown sanitizer '$san' (address|thread)" >&2; exit 2 ;;
esac
targets=(); filter=()
if [ $# -gt 0 ]; then
  for s in "$@"; do targets+=(--target "$s"); done
  filter=(-R "^($(IFS='|'; echo "$*"))\$")
fi
if [ "$san" = thread ]; then
  "$root/scripts/install-deps.sh"
  "$root/scripts/caf-tsan.sh" "$dir/caf"  # TSan must see CAF's own synchronisation
fi
"$root/scripts/build.sh" "$dir" "${targets[@]}" "${args[@]}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
ctest --test-dir "$dir" --output-on-failure -j "${ASTRID_JOBS:-$(nproc)}" "${filter[@]}"
