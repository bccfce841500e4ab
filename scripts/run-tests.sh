#!/usr/bin/env bash
# Runs every test: C++ unit and store tests on SQLite and on a throwaway PostgreSQL server,
# HTTP tests on real loopback ports, and the console end to end in headless Chromium.
# Usage: scripts/run-tests.sh BUILD_DIR
set -euo pipefail
build_dir=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# PostgreSQL tests must run, never skip, under `make test` and CI.
export KASHLINK_REQUIRE_PG=1
eval "$(bash scripts/test-postgres.sh start)"
cleanup() { bash scripts/test-postgres.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "== C++ tests (SQLite + PostgreSQL at ${KASHLINK_TEST_PG}) =="
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" --timeout 600

echo "== console unit tests (node --test) =="
node --test web/test/

echo "== console end to end (headless Chromium) =="
node tests/e2e/run.mjs "$build_dir/kashlink"

echo "== all tests passed =="
