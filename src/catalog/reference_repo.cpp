#include "catalog/reference_repo.h"

#include "store/sql.h"

namespace kl::catalog {

namespace {

// Codes are short slugs; a longer text cannot be one, so it is not looked up.
constexpr size_t reference_code_chars_max = 32;

County from_row(const store::Row& row) {
    return County{row.text("code"), row.text("division_code"), row.text("name_zh"), row.text("name_en")};
}

Result<std::vector<County>> load_table(store::Tx& tx, const std::string& table) {
    return store::query_as(tx, "SELECT code, division_code, name_zh, name_en FROM " + table +
                              " ORDER BY sort_order, code", {}, from_row);
}

Result<std::optional<County>> find_in(store::Tx& tx, const std::string& table, const std::string& code) {
    if (code.empty() || code.size() > reference_code_chars_max) return std::optional<County>{};
    return store::query_first(tx, "SELECT code, division_code, name_zh, name_en FROM " + table + " WHERE code = $1", {code}, from_row);
}

}  // namespace

Result<std::vector<County>> load_counties(store::Tx& tx) { return load_table(tx, "counties"); }
Result<std::vector<District>> load_districts(store::Tx& tx) { return load_table(tx, "districts"); }

Result<std::optional<County>> find_county(store::Tx& tx, const std::string& code) {
    return find_in(tx, "counties", code);
}
Result<std::optional<District>> find_district(store::Tx& tx, const std::string& code) {
    return find_in(tx, "districts", code);
}

}  // namespace kl::catalog
