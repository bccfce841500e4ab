#!/usr/bin/env bash
# Enforces the library graph that CMake writes down (README "Layout", DESIGN "Architecture"):
#   1. every `#include "<folder>/…"` in src/<lib>/ names its own folder or a library listed in the
#      DEPS of src/<lib>/CMakeLists.txt (kl_<folder>): a back-edge or an undeclared edge fails;
#   2. the DEPS graph has no cycle (tsort);
#   3. third-party headers stay behind the walls DESIGN.md puts them: Beast/Asio and nlohmann only
#      in http, sqlite3.h only in store/sqlite, libpq-fe.h only in store/postgres, LEMON only in
#      optim/min_cost_flow.cpp, CBC (coin/) only in optim/packing_mip.cpp, CLI11 only in cli, libcsv
#      and libxlsxwriter only in sheets (the one spreadsheet library every importer and exporter builds on),
#      libqrencode and libpng only in qr/qr_code.cpp, libical only in calendar/ics.cpp,
#      Cairo and Pango only in pdf/pdf_document.cpp.
# `make test` runs it (scripts/run-tests.sh) and its self-test, which plants a back-edge in a copy of
# the tree and expects this script to fail.
#
# Usage: scripts/check-graph.sh [ROOT]        check ROOT (default: this repository); exit 1 on a break
#        scripts/check-graph.sh --self-test   prove that a planted back-edge and a planted wall breach fail
set -euo pipefail

script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

# Third-party include prefixes and the only paths (under src/, as extended regexes) allowed to use them.
walls=(
  "boost/|^http/"
  "nlohmann/|^http/"
  "sqlite3.h|^store/sqlite/"
  "libpq-fe.h|^store/postgres/"
  "lemon/|^optim/min_cost_flow\.cpp$"
  "coin/|^optim/packing_mip\.cpp$"
  "CLI/|^cli/"
  "csv.h|^sheets/csv\.cpp$"
  "xlsxwriter.h|^sheets/xlsx\.cpp$"
  "qrencode.h|^qr/qr_code\.cpp$"
  "png.h|^qr/qr_code\.cpp$"
  "libical/|^calendar/ics\.cpp$"
  "cairo|^pdf/pdf_document\.cpp$"
  "pango/|^pdf/pdf_document\.cpp$"
)

self_test() {
  local tmp status=0
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  cp -r "$(dirname "$script")/../src" "$tmp/src"
  if ! bash "$script" "$tmp" >/dev/null; then
    echo "check-graph self-test: the unchanged tree should pass" >&2
    return 1
  fi
  # A back-edge: the store (below everything but core) includes a module's header.
  printf '#include "market/offer_service.h"\n' >>"$tmp/src/store/store.cpp"
  if bash "$script" "$tmp" >/dev/null 2>&1; then
    echo "check-graph self-test: a back-edge store -> market was not caught" >&2
    status=1
  fi
  cp "$(dirname "$script")/../src/store/store.cpp" "$tmp/src/store/store.cpp"
  # A wall breach: a domain module includes nlohmann.
  printf '#include <nlohmann/json.hpp>\n' >>"$tmp/src/orders/order_service.cpp"
  if bash "$script" "$tmp" >/dev/null 2>&1; then
    echo "check-graph self-test: nlohmann in orders was not caught" >&2
    status=1
  fi
  [[ $status -eq 0 ]] && echo "check-graph self-test: back-edge and wall breach both caught"
  return $status
}

if [[ "${1:-}" == "--self-test" ]]; then
  self_test
  exit $?
fi

root=${1:-$(dirname "$script")/..}
src="$root/src"
[[ -d "$src" ]] || { echo "check-graph: no src/ under $root" >&2; exit 2; }

# The DEPS of each library: the kl_* words after DEPS in its CMakeLists.txt, up to the closing paren.
declare -A deps
for lists in "$src"/*/CMakeLists.txt; do
  lib=$(basename "$(dirname "$lists")")
  deps[$lib]=$(tr '\n' ' ' <"$lists" | sed -n 's/.*kl_library([^)]*DEPS\([^)]*\)).*/\1/p' |
    tr ' ' '\n' | sed -n 's/^kl_//p' | tr '\n' ' ')
done

problems=0
report() {
  echo "check-graph: $*" >&2
  problems=$((problems + 1))
}

# 1 and 3: every include of every source file.
while IFS= read -r file; do
  rel=${file#"$src"/}
  lib=${rel%%/*}
  [[ -n "${deps[$lib]+set}" ]] || continue
  while IFS= read -r line; do
    if [[ "$line" =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([a-z_]+)/ ]]; then
      target=${BASH_REMATCH[1]}
      [[ "$target" == "$lib" || -z "${deps[$target]+set}" ]] && continue
      [[ " ${deps[$lib]} " == *" $target "* ]] ||
        report "$rel includes $target/ but kl_$lib does not list kl_$target in its DEPS (src/$lib/CMakeLists.txt)"
    elif [[ "$line" =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\<([^>]+)\> ]]; then
      header=${BASH_REMATCH[1]}
      for wall in "${walls[@]}"; do
        prefix=${wall%%|*}
        allowed=${wall#*|}
        if [[ "$header" == "$prefix"* ]] && ! [[ "$rel" =~ $allowed ]]; then
          report "$rel includes <$header>, which only ${allowed} may include (DESIGN.md: modules never see it)"
        fi
      done
    fi
  done < <(grep -E '^[[:space:]]*#[[:space:]]*include' "$file")
done < <(find "$src" -type f \( -name '*.h' -o -name '*.cpp' \) | sort)

# 2: the declared graph is acyclic.
edges=$(for lib in "${!deps[@]}"; do for dep in ${deps[$lib]}; do echo "$lib $dep"; done; done)
if ! tsort >/dev/null 2>"$root/.check-graph.tsort" <<<"$edges"; then
  report "the DEPS graph has a cycle: $(tr '\n' ' ' <"$root/.check-graph.tsort")"
fi
rm -f "$root/.check-graph.tsort"

if ((problems > 0)); then
  echo "check-graph: $problems problem(s)" >&2
  exit 1
fi
echo "check-graph: ${#deps[@]} libraries, every include within its declared DEPS, no cycle, third-party walls kept"
