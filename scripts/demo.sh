#!/usr/bin/env bash
# Builds astrid-bus and runs its demo on an embedded in-process bus.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" "$root/build" --target astrid-bus >&2
exec "$root/build/src/cli/astrid-bus" demo "$@"
