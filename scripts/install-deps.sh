#!/usr/bin/env bash
# Installs the Debian packages the build needs, skipping those present,
# and any further packages named as arguments (scripts/fuzz.sh adds clang).
# Runs apt-get as root (directly, or through sudo when available).
# usage: scripts/install-deps.sh [PACKAGE...]
set -euo pipefail
packages=(g++ cmake ninja-build python3 libcaf-dev nlohmann-json3-dev
          libboost-test-dev libboost-dev libspdlog-dev openssl libcli11-dev libssl-dev
          libjemalloc-dev libbenchmark-dev prometheus-cpp-dev prometheus "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "installing: ${missing[*]}" >&2
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
