#!/usr/bin/env bash
# Runs every test: C++ unit and store tests on SQLite and on a throwaway PostgreSQL server,
# HTTP tests on real loopback ports, and the console end to end in headless Chromium.
# Usage: scripts/run-tests.sh BUILD_DIR
#
# Test processes run under eatmydata (Debian's libeatmydata), which turns fsync into a no-op: the
# tests check behaviour, not whether the disk survives a power cut, and a killed process loses
# nothing either way. On a CI disk with a slow fsync, the thousands of small commits of the suite
# otherwise cost more than the tests themselves. Benchmarks never run under it.
#
# Each phase's wall time is printed as it ends, and all of them again when the script ends, also when
# it is killed (CI's time limit), so the last lines of any run say where the time went.
set -euo pipefail
build_dir=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

no_fsync=()
if command -v eatmydata >/dev/null 2>&1; then no_fsync=(eatmydata); fi

script_start=$SECONDS
phase_name=""
phase_start=$SECONDS
timings=()
end_phase() {
  if [[ -n "$phase_name" ]]; then
    timings+=("$(printf '%5ds  %s' $((SECONDS - phase_start)) "$phase_name")")
    echo "-- ${phase_name}: $((SECONDS - phase_start)) s"
  fi
  phase_name=""
}
phase() {
  end_phase
  phase_name=$1
  phase_start=$SECONDS
  echo "== $1 =="
}
summary() {
  local status=$1
  [[ -n "$phase_name" ]] && timings+=("$(printf '%5ds  %s (unfinished)' $((SECONDS - phase_start)) "$phase_name")")
  echo "== test phases (wall time) =="
  printf '%s\n' "${timings[@]+"${timings[@]}"}"
  printf '%5ds  in all, exit status %s\n' $((SECONDS - script_start)) "$status"
}
cleanup() {
  local status=$?
  summary "$status"
  bash scripts/test-postgres.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
# A kill from outside (CI's time limit) still prints the summary through the EXIT trap.
trap 'exit 143' TERM INT

# The library graph first: it takes seconds and a back-edge should fail before the long phases.
phase "library graph (includes vs DEPS)"
bash scripts/check-graph.sh
bash scripts/check-graph.sh --self-test

# PostgreSQL tests must run, never skip, under `make test` and CI.
export KASHLINK_REQUIRE_PG=1
phase "PostgreSQL test server"
eval "$(bash scripts/test-postgres.sh start)"

phase "C++ tests (SQLite + PostgreSQL at ${KASHLINK_TEST_PG})"
# ctest lists a binary's tests again only when the binary is newer than its cached list; a list cached
# by a plain `ctest` (run without the PostgreSQL server's variables) holds only the SQLite variants, so
# drop the lists and make sure the PostgreSQL variants are there before running.
rm -f "$build_dir"/tests/*"]_tests.cmake"
# (grep -c reads the whole list: grep -q would stop early, and pipefail would count ctest's SIGPIPE.)
postgres_listed=$(ctest --test-dir "$build_dir" -N | grep -c 'postgres' || true)
if [[ "$postgres_listed" -eq 0 ]]; then
  echo "run-tests: no PostgreSQL variants were listed; the PostgreSQL tests would not run" >&2
  exit 1
fi
echo "run-tests: $postgres_listed PostgreSQL variants listed"
"${no_fsync[@]+"${no_fsync[@]}"}" ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" --timeout 600

phase "console unit tests (node --test)"
node --test web/test/

phase "console end to end (headless Chromium)"
"${no_fsync[@]+"${no_fsync[@]}"}" node tests/e2e/run.mjs "$build_dir/kashlink"

end_phase
echo "== all tests passed =="
