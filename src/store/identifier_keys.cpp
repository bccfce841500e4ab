#include "store/identifier_keys.h"

#include <map>
#include <utility>

#include "core/identifier.h"
#include "core/log.h"

namespace kl::store {

namespace {

// Rows per read: the backfill walks tables of any size without holding them all.
constexpr int64_t backfill_rows_per_page = 1000;

// The scope's text, or "" for a table-wide key (a NULL scope value never collides either).
std::string scope_of(const Row& row) { return row.size() > 2 && !row.is_null(2) ? row.text(2) : std::string(); }

Result<int64_t> backfill_column(Tx& tx, const IdentifierKeyColumn& column) {
    const std::string scope_select = column.scope_column.empty() ? "" : ", " + column.scope_column;
    // The key taken in each scope, and by which row.
    std::map<std::pair<std::string, std::string>, std::string> holders;
    int64_t left_without = 0;
    std::string after;
    for (;;) {
        KL_TRY_ASSIGN(Rows rows, tx.query("SELECT id, " + column.value_column + scope_select + " FROM " + column.table +
                                              " WHERE " + column.value_column + " IS NOT NULL AND id > $1 ORDER BY id "
                                              "LIMIT " + std::to_string(backfill_rows_per_page),
                                          {after}));
        for (const auto& row : rows) {
            const std::string id = row.text(0);
            const std::string key = identifier_key(row.text(1));
            auto [held, fresh] = holders.emplace(std::make_pair(scope_of(row), key), id);
            if (!fresh) {
                ++left_without;
                spdlog::warn("{} {}: {} '{}' looks like that of {}; left without a {}", column.table, id,
                             column.value_column, row.text(1), held->second, column.key_column);
                continue;
            }
            KL_TRY(tx.execute("UPDATE " + column.table + " SET " + column.key_column + " = $1 WHERE id = $2", {key, id}));
        }
        if (rows.size() < static_cast<size_t>(backfill_rows_per_page)) break;
        after = rows.rows.back().text(0);
    }
    return left_without;
}

}  // namespace

const std::vector<IdentifierKeyColumn>& identifier_key_columns() {
    static const std::vector<IdentifierKeyColumn> columns = {
        {"invoices", "invoice_no", "invoice_key", "payee_org_id"},
        {"orders", "invoice_no", "invoice_key", "seller_id"},
        {"projects", "code", "code_key", ""},
        {"products", "code", "code_key", "producer_id"},
        {"certifications", "certificate_no", "certificate_key", ""},
    };
    return columns;
}

Result<int64_t> backfill_identifier_keys(Tx& tx) {
    int64_t left_without = 0;
    for (const auto& column : identifier_key_columns()) {
        KL_TRY_ASSIGN(int64_t left, backfill_column(tx, column));
        left_without += left;
    }
    return left_without;
}

}  // namespace kl::store
