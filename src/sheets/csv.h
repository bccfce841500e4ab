#pragma once
// CSV as RFC 4180 writes it, for the spreadsheets people keep: fields separated by commas, records by
// CRLF, a field quoted when it holds a comma, a quote, CR or LF (quotes doubled inside). Text is UTF-8;
// a leading byte-order mark is accepted on input and written on output, because Excel reads a CSV
// file without one in the machine's legacy code page and garbles every Chinese name.
//
// Parsing uses libcsv (Debian's libcsv-dev) in strict mode, with its space trimming turned off so a
// field keeps its spaces exactly (a round trip must be lossless). Writing is ours: libcsv only quotes
// every field, and minimal quoting keeps the files readable.
//
// Formula injection: a spreadsheet runs a cell that starts with = + - @ (or TAB/CR) as a formula, so
// a product name such as "=HYPERLINK(…)" in an exported file could act on the reader's machine. Free
// text columns are therefore written through protect_text(), which puts an apostrophe before such a
// value (and before a value that already starts with apostrophes followed by such a character, so
// the mapping can be undone exactly), and read back through unprotect_text().

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kl::sheets {

// Bounds on what an import reads; a file beyond them is refused before any row is looked at.
inline constexpr size_t csv_bytes_max = 16 * 1024 * 1024;  // 16 MiB (the HTTP body limit is lower)
inline constexpr size_t csv_records_max = 100'000;         // header included
inline constexpr size_t csv_fields_per_record_max = 500;
inline constexpr size_t csv_field_bytes_max = 64 * 1024;

using CsvRecord = std::vector<std::string>;

// The records of `text` (BOM stripped). Blank lines are skipped. Errors are invalid_argument naming
// "file" with the record number (1 = the first record) and what is wrong: bad UTF-8, an unbalanced
// or stray quote, a limit exceeded.
Result<std::vector<CsvRecord>> parse_csv(std::string_view text);

// RFC 4180 text of `records` with a UTF-8 BOM first and CRLF after every record.
std::string write_csv(const std::vector<CsvRecord>& records);
// One field, quoted only when it must be.
void append_csv_field(std::string& out, std::string_view field);

std::string protect_text(std::string_view text);
std::string unprotect_text(std::string_view text);

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

}  // namespace kl::sheets
