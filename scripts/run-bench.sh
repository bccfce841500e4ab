#!/usr/bin/env bash
# Runs every benchmark under bench/; each prints its figures as ratios against a limit measured in
# the same run. Usage: scripts/run-bench.sh BUILD_DIR
set -euo pipefail
build_dir=${1:-build}
"$build_dir/bench/http_bench" --seconds 10 --connections 64,256
"$build_dir/bench/ledger_bench" --transfers 80000 --seconds 5 --clients 8 ${KASHLINK_BENCH_PG:+--pg "$KASHLINK_BENCH_PG"}
