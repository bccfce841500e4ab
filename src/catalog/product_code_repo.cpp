#include "catalog/product_code_repo.h"

#include "core/identifier.h"
#include "store/sql.h"

namespace kl::catalog {

namespace {

bool code_char(char c, bool first) {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return alnum || (!first && (c == '.' || c == '_' || c == '-'));
}


}  // namespace

Result<void> check_product_code(const std::string& code, const std::string& field) {
    if (code.empty() || code.size() > product_code_chars_max) {
        return fail_field(field, ProblemCode::out_of_range, "must be 1 to " + std::to_string(product_code_chars_max) + " characters");
    }
    for (size_t i = 0; i < code.size(); ++i) {
        if (!code_char(code[i], i == 0)) {
            return fail_field(field, ProblemCode::unknown_reference, "may hold only letters A-Z a-z, digits and . _ - (and start with a letter or "
                                     "digit); character " + std::to_string(i + 1) + " is not one of them");
        }
    }
    return ok();
}

Result<std::optional<std::string>> find_product_by_code(store::Tx& tx, const std::string& producer_id,
                                                        const std::string& code) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT id FROM products WHERE producer_id = $1 AND code_key = $2",
                           {producer_id, identifier_key(code)}));
    if (!rows.empty()) return std::optional<std::string>(rows[0].text("id"));
    KL_TRY_ASSIGN(store::Rows by_id, tx.query("SELECT id FROM products WHERE producer_id = $1 AND id = $2 AND "
                                              "code IS NULL",
                                              {producer_id, code}));
    if (!by_id.empty()) return std::optional<std::string>(by_id[0].text("id"));
    return std::optional<std::string>();
}

Result<void> set_product_code(store::Tx& tx, const std::string& product_id, const std::string& code) {
    KL_TRY(tx.execute("UPDATE products SET code = $1, code_key = $2 WHERE id = $3",
                      {code, identifier_key(code), product_id}));
    return ok();
}

Result<std::map<std::string, std::string>> product_codes(store::Tx& tx, const std::vector<std::string>& product_ids) {
    std::map<std::string, std::string> codes;
    KL_TRY(store::query_by_ids(tx, "SELECT id, code FROM products WHERE code IS NOT NULL AND id", "", {}, product_ids,
                               ids_per_query_max, [&](const store::Row& row) -> Result<void> {
                                   codes[row.text("id")] = row.text("code");
                                   return ok();
                               }));
    return codes;
}

}  // namespace kl::catalog
