#!/bin/sh
# Builds everything with AddressSanitizer + UBSan (g++, -DLABELGEN_SANITIZE=ON, in build-asan/)
# and runs the whole test suite under them: any memory error, undefined behaviour or leak fails
# the test that caused it (tests that run the labelgen binary check it too, since the binary is
# instrumented and inherits these options). Leaks of third-party libraries that happen once per
# process are suppressed in scripts/lsan.supp, each with its reason; labelgen's own never are.
set -eu
cd "$(dirname "$0")/.."
build="${LABELGEN_ASAN_BUILD:-build-asan}"
start=$(date +%s)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLABELGEN_WERROR=ON -DLABELGEN_SANITIZE=ON
cmake --build "$build" -j"$(nproc)"
echo "sanitize: built in $(( $(date +%s) - start )) s"
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$(pwd)/scripts/lsan.supp:print_suppressions=0"
rc=0
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 1800 || rc=$?
echo "sanitize: done in $(( $(date +%s) - start )) s"
exit "$rc"
