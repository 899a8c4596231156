#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang into build-fuzz/ (or $BUILD_DIR), then runs
# each for a fixed time from its seed corpus (tests/fuzz/make_corpus.py) and the inputs earlier
# runs kept. Prints the executions of each target; exits 1 when any target crashed, timed out,
# ran out of memory or leaked, after printing where the input that did it was saved.
#   scripts/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]     default: 60 seconds, every target
# FUZZ_TIMEOUT (seconds for one input, default 10) and FUZZ_RSS_MB (default 2048) override the
# limits. docs/fuzzing.md says more.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
seconds=${1:-60}
[[ $# -gt 0 ]] && shift
timeout=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}

# Target -> the largest input it is given (bytes). Bounds the time and memory of one input; each
# target's file says what its input is.
declare -A max_len=(
  [fuzz_rule_loader]=8192
  [fuzz_pattern]=2048
  [fuzz_notes_line]=4096
  [fuzz_pre_push]=4096
  [fuzz_config]=4096
  [fuzz_matcher]=16384
)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(fuzz_rule_loader fuzz_pattern fuzz_notes_line fuzz_pre_push
                                     fuzz_config fuzz_matcher)
for t in "${targets[@]}"; do
  [[ -n "${max_len[$t]:-}" ]] || { echo "fuzz.sh: unknown target '$t'" >&2; exit 2; }
done

"$root/scripts/install-deps.sh" --fuzz
# -O1 and line tables: fast enough to fuzz, quick to build, stacks with file:line. The grammars'
# generated C keeps its own -O2 and gets no debug information (cmake/Grammars.cmake).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1" -DGIT_MENTOR_FUZZ=ON -DGIT_MENTOR_TESTS=OFF \
  -DGIT_MENTOR_BENCHMARKS=OFF -DGIT_MENTOR_WERROR=OFF >/dev/null
cmake --build "$build" --target "${targets[@]}"

python3 "$root/tests/fuzz/make_corpus.py" "$build/fuzz-seeds" >/dev/null

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0

failed=()
for t in "${targets[@]}"; do
  corpus=$build/fuzz-corpus/$t       # what runs keep; grows from run to run
  seeds=$build/fuzz-seeds/$t
  artifacts=$build/fuzz-artifacts/$t
  log=$build/fuzz-logs/$t.log
  mkdir -p "$corpus" "$seeds" "$artifacts" "$(dirname "$log")"
  args=(-max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss_mb"
        -max_len="${max_len[$t]}" -print_final_stats=1 -artifact_prefix="$artifacts/")
  dict=$root/tests/fuzz/$t.dict
  [[ -f "$dict" ]] && args+=(-dict="$dict")
  rc=0
  "$build/tests/fuzz/$t" "${args[@]}" "$corpus" "$seeds" >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [[ $rc -eq 0 ]]; then
    echo "$t: ${runs:-?} executions in ${seconds}s, corpus $(find "$corpus" -type f | wc -l) inputs: ok"
  else
    failed+=("$t")
    echo "$t: FAILED (exit $rc) after ${runs:-?} executions; the end of $log:"
    tail -n 60 "$log" | sed 's/^/    /'
    unit=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    if [[ -n "$unit" ]]; then
      echo "$t: reproducer: $unit"
      echo "$t: run it again with: $build/tests/fuzz/$t $unit"
    fi
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz.sh: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: every target ran ${seconds}s without a failure"
