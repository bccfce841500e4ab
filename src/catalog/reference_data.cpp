#include "catalog/reference_data.h"

namespace kl::catalog {

namespace {

// Codes are short slugs; a longer text cannot be one, so it is not looked up.
constexpr size_t reference_code_chars_max = 32;

County from_row(const store::Row& row) {
    return County{row.text("code"), row.text("division_code"), row.text("name_zh"), row.text("name_en")};
}

Result<std::vector<County>> load_table(store::Tx& tx, const std::string& table) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT code, division_code, name_zh, name_en FROM " + table +
                                             " ORDER BY sort_order, code"));
    std::vector<County> out;
    for (const auto& row : rows) out.push_back(from_row(row));
    return out;
}

Result<std::vector<County>> list_table(store::Store& store, const std::string& table) {
    return store.read([&](store::Tx& tx) { return load_table(tx, table); });
}

Result<std::optional<County>> find_in(store::Tx& tx, const std::string& table, const std::string& code) {
    if (code.empty() || code.size() > reference_code_chars_max) return std::optional<County>{};
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT code, division_code, name_zh, name_en FROM " + table + " WHERE code = $1", {code}));
    if (rows.empty()) return std::optional<County>{};
    return std::optional<County>{from_row(rows[0])};
}

}  // namespace

Result<std::vector<County>> ReferenceData::counties() { return list_table(store_, "counties"); }
Result<std::vector<District>> ReferenceData::districts() { return list_table(store_, "districts"); }

Result<std::vector<County>> load_counties(store::Tx& tx) { return load_table(tx, "counties"); }

Result<std::optional<County>> find_county(store::Tx& tx, const std::string& code) {
    return find_in(tx, "counties", code);
}
Result<std::optional<District>> find_district(store::Tx& tx, const std::string& code) {
    return find_in(tx, "districts", code);
}

}  // namespace kl::catalog
