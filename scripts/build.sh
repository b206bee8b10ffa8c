#!/usr/bin/env bash
# Installs dependencies, configures and builds one build tree.
# usage: scripts/build.sh DIR [--target T]... [cmake configure args...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?"usage: scripts/build.sh DIR [--target T]... [cmake args...]"}; shift
targets=()
while [ "${1:-}" = "--target" ]; do targets+=(--target "$2"); shift 2; done
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$dir" -G Ninja "$@" >/dev/null
cmake --build "$dir" -j "${ASTRID_JOBS:-$(nproc)}" "${targets[@]}"
