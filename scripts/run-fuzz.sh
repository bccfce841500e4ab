#!/usr/bin/env bash
# `make fuzz` (issue 18 item 1; README "Fuzzing"): builds the libFuzzer harnesses of tests/fuzz in
# their own build directory with clang (-DKL_FUZZ=ON: coverage, AddressSanitizer, UBSan; cmake/fuzz.cmake),
# runs each for FUZZ_SECONDS, and prints per harness the executions per second and libFuzzer's
# coverage (cov: edges reached, ft: features) at the end.
#
# Each harness starts from its seed corpus (tests/fuzz/corpus/<harness>/, kept in the repo) and its
# regressions (tests/fuzz/regressions/<harness>/); what it learns goes to BUILD/corpus/<harness>/, so
# a second run goes on from there and the repository stays as it was. A crash is written to
# BUILD/crashes/<harness>/; the script goes on with the other harnesses and fails at the end, listing
# them. To keep one as a regression that `make test` replays (the same harness built by gcc as
# fuzz_<harness>_replay), copy it into tests/fuzz/regressions/<harness>/ with a name saying what it
# found, and fix the bug.
#
# Environment: FUZZ_SECONDS (default 120) per harness; FUZZ_HARNESSES (default: all, in the order
# below); FUZZ_BUILD_DIR (default build-fuzz); JOBS (build parallelism, default nproc).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=${FUZZ_SECONDS:-120}
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=${JOBS:-$(nproc)}
read -r -a harnesses <<<"${FUZZ_HARNESSES:-config sheets_csv epcis imports route_body route_params}"
# An input running longer than this is reported as a hang (a crash): no route should take seconds on
# a small database.
unit_timeout_s=30

bash scripts/install-deps.sh fuzz
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKL_FUZZ=ON -DKL_BUILD_TESTS=OFF \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
targets=()
for harness in "${harnesses[@]}"; do targets+=("fuzz_${harness}"); done
cmake --build "$build_dir" -j "$jobs" --target "${targets[@]}"

# The sanitizers stop at the first report, with a stack symbolised by Debian's llvm-symbolizer.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

summary=()
crashed=()
for harness in "${harnesses[@]}"; do
  corpus="$build_dir/corpus/$harness"
  crashes="$build_dir/crashes/$harness"
  log="$build_dir/logs/$harness.log"
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  inputs=("$corpus" "tests/fuzz/corpus/$harness")
  [[ -d "tests/fuzz/regressions/$harness" ]] && inputs+=("tests/fuzz/regressions/$harness")
  options=(-max_total_time="$seconds" -timeout="$unit_timeout_s" -print_final_stats=1 -artifact_prefix="$crashes/")
  [[ -f "tests/fuzz/corpus/$harness.dict" ]] && options+=(-dict="tests/fuzz/corpus/$harness.dict")
  echo "== fuzz $harness for ${seconds} s =="
  status=0
  "$build_dir/fuzz/fuzz_$harness" "${options[@]}" "${inputs[@]}" >"$log" 2>&1 || status=$?
  # The last status line ("#N DONE cov: … ft: … corp: … exec/s: …", or the last pulse) and the final stats.
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
  rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -1)
  rss=$(sed -nE 's/^stat::peak_rss_mb: *([0-9]+).*/\1/p' "$log" | tail -1)
  outcome=ok
  if ((status != 0)); then
    outcome="CRASH (exit $status; log $log)"
    crashed+=("$harness")
  fi
  line=$(printf '%-13s %8s exec/s  cov %6s  ft %7s  corpus %6s  runs %10s  rss %5s MB  %s' \
    "$harness" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${runs:-?}" "${rss:-?}" "$outcome")
  echo "$line"
  summary+=("$line")
done

echo "== fuzz summary: ${seconds} s per harness, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) =="
printf '%s\n' "${summary[@]}"
if ((${#crashed[@]} > 0)); then
  echo "crashes (keep each in tests/fuzz/regressions/<harness>/ and fix it):"
  for harness in "${crashed[@]}"; do ls -1 "$build_dir/crashes/$harness"/* 2>/dev/null | sed 's/^/  /'; done
  exit 1
fi
