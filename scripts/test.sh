#!/usr/bin/env bash
# Builds git-mentor and runs every test with CTest.
#   scripts/test.sh              the normal build, in build/
#   scripts/test.sh --sanitize   an AddressSanitizer + UndefinedBehaviorSanitizer build, in build-asan/
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

cmake_args=()
build=$root/build
if [[ "${1:-}" == "--sanitize" ]]; then
  build=$root/build-asan
  cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DGIT_MENTOR_SANITIZE=ON -DGIT_MENTOR_BENCHMARKS=OFF)
  # The grammars are generated tables, never instrumented: link the normal build's libraries
  # instead of compiling them again, when it has them (grammars/README.md).
  if compgen -G "$root/build/libmentor_grammar_*.a" >/dev/null; then
    cmake_args+=(-DGIT_MENTOR_GRAMMARS_FROM="$root/build")
  fi
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
fi

BUILD_DIR=$build "$root/scripts/build.sh" "${cmake_args[@]}"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
