#!/bin/sh
# Fuzzes every parser of outside input: builds the libFuzzer targets of tests/fuzz/ with clang
# (ASan + UBSan, in build-fuzz/) and runs each for SECONDS seconds (default 60), two at a time
# (LABELGEN_FUZZ_JOBS). Fails on any crash, broken invariant, leak, timeout or sanitizer report,
# printing the saved input. Seeds come from tests/fuzz/corpus/<target>/ and are never modified;
# what the fuzzer learns goes to build-fuzz/fuzz-corpus/<target>/. tests/fuzz/dict/<target>.dict
# lists the words of each format (keys, enumerations, edge numbers) for the mutator.
#
# A failing input, once the bug is fixed, belongs in tests/fuzz/corpus/<target>/regress-<what>:
# the ordinary test suite then replays it for good (ctest -R '^fuzz\.').
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build="${LABELGEN_FUZZ_BUILD:-build-fuzz}"
jobs="${LABELGEN_FUZZ_JOBS:-$(nproc)}"

start=$(date +%s)
mkdir -p "$build"
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLABELGEN_WERROR=ON \
  -DLABELGEN_SANITIZE=ON -DLABELGEN_FUZZ=ON >"$build/configure.log" 2>&1 ||
  { cat "$build/configure.log"; exit 1; }
cmake --build "$build" --target fuzz_all -j"$(nproc)"
echo "fuzz: built in $(( $(date +%s) - start )) s; ${seconds} s per target, $jobs at a time"

export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
logs="$build/fuzz-logs"
mkdir -p "$logs"
rm -f "$logs"/*.rc

run_target() {
  t="$1"
  mkdir -p "$build/fuzz-corpus/$t" "$build/fuzz-artifacts/$t"
  rm -f "$build/fuzz-artifacts/$t"/*
  dict=""
  if [ -f "tests/fuzz/dict/$t.dict" ]; then dict="-dict=tests/fuzz/dict/$t.dict"; fi
  rc=0
  "$build/fuzz/fuzz_$t" $dict -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-artifacts/$t/" "$build/fuzz-corpus/$t" "tests/fuzz/corpus/$t" \
    >"$logs/$t.log" 2>&1 || rc=$?
  # A sanitizer report that did not stop the run still fails it.
  if [ "$rc" -eq 0 ] &&
    grep -q -E "runtime error:|ERROR: (Address|Leak|UndefinedBehavior)Sanitizer" "$logs/$t.log"; then
    rc=99
  fi
  echo "$rc" >"$logs/$t.rc"
}

targets=$(ls tests/fuzz/corpus)
running=0
for t in $targets; do
  run_target "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait
    running=0
  fi
done
wait

failed=""
passed=0
nfailed=0
for t in $targets; do
  rc=$(cat "$logs/$t.rc" 2>/dev/null || echo 98)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$t.log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$logs/$t.log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz: $t ok (${execs:-?} inputs, $cov)"
    passed=$((passed + 1))
  else
    failed="$failed $t"
    nfailed=$((nfailed + 1))
    echo "fuzz: $t FAILED (exit $rc) -- log $logs/$t.log; last lines:"
    tail -n 40 "$logs/$t.log" | sed 's/^/    /'
    for a in "$build/fuzz-artifacts/$t"/*; do
      [ -f "$a" ] && echo "    input saved as $a (replay: $build/fuzz/fuzz_$t $a)"
    done
  fi
done
echo "fuzz: done in $(( $(date +%s) - start )) s"
if [ -n "$failed" ]; then echo "fuzz: failures in:$failed"; fi
echo "fuzz: $passed passed, $nfailed failed"
[ -z "$failed" ]
