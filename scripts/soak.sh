#!/usr/bin/env bash
# `make soak` (README "Crash soak"): the long crash soak, never part of `make test`. Runs
# BUILD_DIR/tests/kashlink_soak: kill -9 cycles under a mixed load on SQLite and on PostgreSQL, then
# power-cut cycles on SQLite over the test VFS; each prints its totals and fails on any loss.
#
# PostgreSQL: a throwaway server of scripts/test-postgres.sh started here with production durability
# (KASHLINK_PG_DURABLE=1: fsync and synchronous_commit on), stopped at the end; an already exported
# KASHLINK_TEST_PG is used as it is instead. Without PostgreSQL 15 installed the PostgreSQL run is
# skipped. Never under eatmydata: the soak is about what reaches the disk.
#
# Usage: scripts/soak.sh [BUILD_DIR]   (SOAK_CYCLES, SOAK_THREADS, SOAK_LOAD_MS_MAX, SOAK_SEED,
#                                       GTEST_FILTER as in tests/soak/soak_main.cpp)
set -euo pipefail
build_dir=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [[ -z "${KASHLINK_TEST_PG:-}" && -x /usr/lib/postgresql/15/bin/initdb ]]; then
  eval "$(KASHLINK_PG_DURABLE=1 bash scripts/test-postgres.sh start)"
  trap 'bash scripts/test-postgres.sh stop "$KASHLINK_PG_DIR" >/dev/null 2>&1 || true' EXIT
fi
echo "soak: ${SOAK_CYCLES:-100} cycles per run; PostgreSQL: ${KASHLINK_TEST_PG:-none}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
start=$SECONDS
status=0
"$build_dir/tests/kashlink_soak" || status=$?
echo "soak: $((SECONDS - start)) s, exit status $status; load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
