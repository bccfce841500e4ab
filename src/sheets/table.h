#pragma once
// A sheet of text cells: what every export produces and every writer (CSV, XLSX) renders. Cells are
// the exact text of the CSV form; a column marked numeric holds integers (or is empty), which the
// XLSX writer stores as numbers so a spreadsheet can sum and sort them.

#include <string>
#include <vector>

namespace kl::sheets {

struct Column {
    std::string name;
    bool numeric = false;
};

struct Table {
    std::string sheet_name;  // the XLSX worksheet's name (at most 31 characters, no []:*?/\)
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> rows;  // each as wide as `columns`
};

// The header record followed by the rows, for write_csv.
std::vector<std::vector<std::string>> table_records(const Table& table);

}  // namespace kl::sheets
