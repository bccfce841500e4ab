#include "sheets/table.h"

namespace kl::sheets {

std::vector<std::vector<std::string>> table_records(const Table& table) {
    std::vector<std::vector<std::string>> records;
    records.reserve(table.rows.size() + 1);
    std::vector<std::string> header;
    header.reserve(table.columns.size());
    for (const auto& column : table.columns) header.push_back(column.name);
    records.push_back(std::move(header));
    for (const auto& row : table.rows) records.push_back(row);
    return records;
}

}  // namespace kl::sheets
