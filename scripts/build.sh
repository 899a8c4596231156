#!/usr/bin/env bash
# Installs missing dependencies, then configures and builds git-mentor into build/ (or $BUILD_DIR).
# Extra arguments go to the CMake configure step, e.g. -DGIT_MENTOR_SANITIZE=ON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja "$@" >/dev/null
cmake --build "$build"
