#pragma once
// XLSX (Office Open XML) files of a Table, written with libxlsxwriter (Debian's libxlsxwriter-dev):
// one worksheet, a bold frozen header row with an autofilter, numeric columns as numbers and every
// other cell as a string (never a formula, so a cell that starts with '=' stays text).

#include <cstddef>
#include <string>

#include "core/result.h"
#include "sheets/table.h"

namespace kl::sheets {

// Excel's own limits: a cell holds at most 32767 characters; a sheet 1048576 rows (header included).
inline constexpr size_t xlsx_cell_chars_max = 32'767;
inline constexpr size_t xlsx_rows_max = 1'048'576;
// Integers beyond 2^53 lose digits as spreadsheet numbers; such cells are written as text instead.
inline constexpr long long xlsx_exact_integer_max = 9'007'199'254'740'992LL;

// Writes `table` to `path` (replaced if present). internal when the library fails (disk full…),
// resource_exhausted when the table exceeds a limit above.
Result<void> write_xlsx_file(const Table& table, const std::string& path);

// The bytes of the XLSX file (written to a temporary file, read back and removed: the Debian
// release of libxlsxwriter cannot write to memory).
Result<std::string> xlsx_bytes(const Table& table);

inline constexpr const char* xlsx_content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace kl::sheets
