// The CSV reader every import builds on (issue 18 item 1; src/sheets over libcsv), fuzzed on its own
// so the fuzzer's whole budget goes into the parser rather than the services behind the imports
// (imports_fuzz.cpp drives those). The input is a file. Checked beyond "no crash":
//   - a file parse_csv accepts is written back by write_csv and parses to the same records (csv.h:
//     the round trip is lossless);
//   - unprotect_text undoes protect_text (formula-injection guard) for any text;
//   - a cell parse_tenths accepts is formatted by format_tenths into text it parses to the same value.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "sheets/cells.h"
#include "sheets/csv.h"
#include "sheets/import_problems.h"

namespace {

[[noreturn]] void broken(const char* what) {
    std::fprintf(stderr, "sheets harness: %s\n", what);
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace sheets = kl::sheets;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto records = sheets::parse_csv(text)) {
        auto again = sheets::parse_csv(sheets::write_csv(*records));
        if (!again) broken(("written records do not parse: " + again.error().message).c_str());
        if (*again != *records) broken("written records parse to other records");
    }
    (void)sheets::parse_import_csv(text, "see README");
    if (sheets::unprotect_text(sheets::protect_text(text)) != text) broken("unprotect_text(protect_text(x)) != x");
    if (auto tenths = sheets::parse_tenths(text)) {
        if (sheets::parse_tenths(sheets::format_tenths(*tenths)) != tenths) broken("format_tenths does not parse back");
    }
    (void)sheets::parse_integer(text);
    (void)sheets::split_list(text);
    return 0;
}
