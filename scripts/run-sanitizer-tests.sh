#!/usr/bin/env bash
# The C++ tests under GCC's sanitizers, each in a build directory of its own (`make test-asan`,
# `make test-tsan`; cmake/sanitizers.cmake has the CMake side).
# Usage: scripts/run-sanitizer-tests.sh asan|tsan [BUILD_DIR]
#   asan  builds everything with -fsanitize=address,undefined (build-asan) and runs every CTest test,
#         SQLite and PostgreSQL: AddressSanitizer (use after free, overflows, leaks at exit through
#         LeakSanitizer) and UBSan (overflow, misaligned or null access, bad enum and bool loads…).
#   tsan  builds the store's and the HTTP layer's tests with -fsanitize=thread (build-tsan) and runs
#         them, SQLite and PostgreSQL: the store, group commit, the write coalescer, the worker pool
#         and the server are where our threads meet.
# Any report fails its test: ASan and TSan stop the process at the first one, UBSan is compiled not
# to recover. The process's stderr, which ctest prints for a failed test, holds the report.
#
# Environment: JOBS (default: nproc) for the build and ctest; CTEST_ARGS adds ctest arguments (e.g.
# CTEST_ARGS="-R ^ledger\." to run a part); SANITIZER_TARGETS builds only those targets (e.g.
# "ledger_tests", with that CTEST_ARGS: a part without the whole cold build); SANITIZER_TIMEOUT_S
# (default 1800) per test.
set -euo pipefail
mode=${1:-}
case "$mode" in
  asan) sanitize=address,undefined ;;
  tsan) sanitize=thread ;;
  *) echo "usage: $0 asan|tsan [BUILD_DIR]" >&2; exit 2 ;;
esac
build_dir=${2:-build-$mode}
jobs=${JOBS:-$(nproc)}
# Sanitized code runs 2-5x slower (ASan) to 5-15x (TSan) than plain, and a test's worst case in the
# plain suite is a few minutes; the plain suite's 600 s would kill slow but correct tests.
timeout_s=${SANITIZER_TIMEOUT_S:-1800}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

start=$SECONDS
cleanup() {
  local status=$?
  bash scripts/test-postgres.sh stop >/dev/null 2>&1 || true
  echo "== $mode: $((SECONDS - start)) s in all, exit status $status =="
}
trap cleanup EXIT
trap 'exit 143' TERM INT

echo "== $mode: configure and build $build_dir (-fsanitize=$sanitize) =="
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKL_SANITIZE="$sanitize" >/dev/null
if [[ $mode == asan ]]; then
  targets=${SANITIZER_TARGETS:-all}
  test_selection=()
else
  targets=${SANITIZER_TARGETS:-store_tests http_tests}
  test_selection=(-R '^(store|http)\.')
fi
# shellcheck disable=SC2086  # a list of target names on purpose
cmake --build "$build_dir" -j "$jobs" --target $targets
echo "-- build: $((SECONDS - start)) s"

supp=$root/scripts/sanitizers
# halt_on_error: stop at the first report, so the test fails and the report is the last thing printed.
# detect_leaks: LeakSanitizer at exit (ASan's default on Linux, said here so nobody wonders).
# check_initialization_order: a global initialised from another file's global not yet initialised.
# verify_asan_link_order=0: the tests run under eatmydata (below), whose LD_PRELOAD puts its library
# before ASan's runtime; ASan would refuse to start, though eatmydata only replaces fsync and friends.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:check_initialization_order=1:print_stacktrace=1:verify_asan_link_order=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
# second_deadlock_stack: a lock-order report shows where both locks were taken.
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$supp/tsan.supp:print_suppressions=0"

# PostgreSQL tests must run, never skip (as in scripts/run-tests.sh).
export KASHLINK_REQUIRE_PG=1
eval "$(bash scripts/test-postgres.sh start)"
# Cached test lists without the PostgreSQL variants would hide them (scripts/run-tests.sh says more).
rm -f "$build_dir"/tests/*"]_tests.cmake"

no_fsync=()
if command -v eatmydata >/dev/null 2>&1; then no_fsync=(eatmydata); fi
echo "== $mode: ctest (SQLite + PostgreSQL at $KASHLINK_TEST_PG) =="
# shellcheck disable=SC2086  # CTEST_ARGS is a list of words on purpose
"${no_fsync[@]+"${no_fsync[@]}"}" ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" \
  --timeout "$timeout_s" "${test_selection[@]+"${test_selection[@]}"}" ${CTEST_ARGS:-}
echo "== $mode: all tests passed =="
