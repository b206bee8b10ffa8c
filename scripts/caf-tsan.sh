#!/usr/bin/env bash
# Builds CAF 0.17.6 (core, io, openssl) with ThreadSanitizer into PREFIX.
# usage: scripts/caf-tsan.sh PREFIX
#
# Debian's libcaf is not instrumented: every message handed from one thread
# to another passes through its mailbox code, where TSan cannot see the
# synchronisation, so a TSan run against it reports races on every message.
# The ThreadSanitizer build (scripts/test.sh --sanitize thread) links this
# instrumented CAF instead. The source is Debian's own upstream tarball of
# the packaged version, checked against its SHA-256. A finished PREFIX is
# reused (stamp file), so only the first run pays for the build; an
# interrupted build resumes where it stopped.
set -euo pipefail
prefix=${1:?"usage: scripts/caf-tsan.sh PREFIX"}
version=0.17.6
sha256=e2bf5bd243f08bb7d8adde197cfe3e6d71314ed3378fe0692f8932f4c3b3928c
url=http://deb.debian.org/debian/pool/main/a/actor-framework/actor-framework_${version}.orig.tar.gz
stamp=$prefix/.astrid-caf-tsan-$version
[ -f "$stamp" ] && exit 0

work=$prefix.work
mkdir -p "$work"
tarball=$work/caf-$version.tar.gz
if ! echo "$sha256  $tarball" | sha256sum -c --status 2>/dev/null; then
  echo "caf-tsan: downloading $url" >&2
  python3 - "$url" "$tarball" <<'EOF'
import sys, urllib.request
urllib.request.urlretrieve(sys.argv[1], sys.argv[2])
EOF
  echo "$sha256  $tarball" | sha256sum -c --status ||
    { echo "caf-tsan: checksum mismatch for $tarball" >&2; exit 1; }
fi
if [ ! -f "$work/src/.extracted" ]; then
  rm -rf "$work/src" "$work/build"
  mkdir -p "$work/src"
  tar -xzf "$tarball" -C "$work/src" --strip-components=1
  # GCC 12's headers no longer pull <limits> in through <cstring>.
  sed -i 's|^#include <cstring>$|#include <cstring>\n#include <limits>|' \
    "$work/src/libcaf_io/caf/io/network/receive_buffer.hpp"
  touch "$work/src/.extracted"
fi

flags="-std=c++17 -g -O1 -fsanitize=thread -fno-omit-frame-pointer -Wno-deprecated-declarations"
echo "caf-tsan: building CAF $version with ThreadSanitizer into $prefix" >&2
cmake -S "$work/src" -B "$work/build" -G Ninja \
  -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib \
  -DCAF_NO_EXAMPLES=yes -DCAF_NO_UNIT_TESTS=yes -DCAF_NO_TOOLS=yes -DCAF_NO_PYTHON=yes \
  -DCAF_NO_OPENCL=yes -DCAF_NO_SUMMARY=yes -DCAF_NO_MEM_MANAGEMENT=yes \
  -DCAF_NO_COMPILER_CHECK=yes >"$work/cmake.log"
cmake --build "$work/build" -j "${ASTRID_JOBS:-$(nproc)}"
cmake --install "$work/build" >/dev/null
rm -rf "$work"
touch "$stamp"
