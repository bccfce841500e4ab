#pragma once
// Readable twins of an export's machine columns (issue 14, item 3): a spreadsheet user reads yuan,
// kilograms, percentages and names, a program reads integer fen, grams, basis points and codes. Every
// export keeps its machine columns where they were and gains, after the last of them, one readable
// column per machine column that has one, in the same order:
//
//   <stem>_fen            → <stem>_yuan            fen / 100, two decimals   (price_fen_per_kg → price_yuan_per_kg)
//   <stem>_g              → <stem>_kg              grams / 1,000, three decimals
//   <stem>_bp             → <stem>_pct             basis points / 100, two decimals
//   a coded column        → <column>_name_zh, <column>_name_en   from the names the export is given
//
// Importers accept the twins and ignore them (read_header calls is_readable_twin), so an exported
// file, edited, imports again. A table that already has a column of the twin's name keeps its own.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sheets/table.h"

namespace kl::sheets {

struct LocalName {
    std::string zh;
    std::string en;
};
// For each coded column (by its name: "county", "district"): what each code is called.
using CodeNames = std::map<std::string, std::map<std::string, LocalName, std::less<>>, std::less<>>;

// The table with its readable twins appended (see above); rows keep their order.
Table with_readable_columns(Table table, const CodeNames& names = {});

// Whether `column` is the readable twin of one of `known` (importers ignore such columns).
bool is_readable_twin(std::string_view column, const std::vector<std::string>& known);

// Integer fen as yuan ("-1234.50"), grams as kilograms ("12.345"), basis points as per cent ("87.50").
std::string yuan_text(int64_t fen);
std::string kg_text(int64_t grams);
std::string pct_text(int64_t basis_points);

}  // namespace kl::sheets
