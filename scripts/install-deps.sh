#!/usr/bin/env bash
# Installs the Debian 12 packages Kashlink builds, runs and tests with.
# Idempotent: packages already present are skipped, so repeated `make` runs cost nothing.
# `install-deps.sh fuzz` adds what `make fuzz` needs besides (scripts/run-fuzz.sh): clang-14 and its
# runtimes (libclang-rt-14-dev ships libFuzzer, -fsanitize=fuzzer, and the ASan/UBSan runtimes; llvm-14
# the symbolizer that puts file:line in their reports);
# kept apart so `make test` and CI do not install a second compiler they never use.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.74-dev libboost-system1.74-dev libboost-program-options1.74-dev
  nlohmann-json3-dev libsqlite3-dev libpq-dev libsodium-dev zlib1g-dev
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  liblemon-dev libglpk-dev coinor-libcbc-dev libqrencode-dev libpng-dev libical-dev libcairo2-dev libpango1.0-dev libxlsxwriter-dev libcsv-dev libunistring-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
  postgresql postgresql-contrib sqlite3
  nodejs npm chromium fonts-wqy-microhei
  curl procps unzip eatmydata zbar-tools poppler-utils
)

if [[ "${1:-}" == fuzz ]]; then
  packages+=(clang-14 libclang-rt-14-dev llvm-14)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

# Node.js may come from outside Debian (nodesource, nvm); accept any working node/npm.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  filtered=()
  for package in "${missing[@]}"; do
    [[ "$package" == nodejs || "$package" == npm ]] || filtered+=("$package")
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
