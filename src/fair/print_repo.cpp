#include "fair/print_repo.h"

#include "fair/fair_print.h"
#include "store/sql.h"

namespace kl::fair {

namespace {

// Lists of ids go to the database in chunks of this many parameters (SQLite allows 32,766).
constexpr size_t printed_ids_per_query = 500;

}  // namespace

Result<std::map<std::string, NamePair>> product_names(store::Tx& tx, const std::vector<std::string>& product_ids) {
    std::map<std::string, NamePair> out;
    KL_TRY(store::query_by_ids(tx, "SELECT id, name_zh, name_en FROM products WHERE id", "", {}, product_ids, printed_ids_per_query,
                               [&](const store::Row& row) -> Result<void> {
                                   out[row.text(0)] = NamePair{row.text(1), row.text(2)};
                                   return ok();
                               }));
    return out;
}

Result<std::map<std::string, std::vector<OpenDemand>>> open_demands(store::Tx& tx, const std::vector<std::string>& org_ids,
                                                                   size_t per_org_max) {
    std::map<std::string, std::vector<OpenDemand>> out;
    KL_TRY(store::query_by_ids(
        tx,
        "SELECT d.org_id, d.quantity_g, COALESCE(p.name_zh, c.name_zh, '') AS what_zh, COALESCE(p.name_en, c.name_en, '') AS what_en "
        "FROM market_demands d LEFT JOIN products p ON p.id = d.product_id LEFT JOIN categories c ON c.id = d.category_id "
        "WHERE d.status = 'open' AND d.org_id",
        " ORDER BY d.org_id, d.id", {}, org_ids, printed_ids_per_query, [&](const store::Row& row) -> Result<void> {
            auto& list = out[row.text(0)];
            if (list.size() < per_org_max) list.push_back(OpenDemand{NamePair{row.text(2), row.text(3)}, row.i64(1)});
            return ok();
        }));
    return out;
}

Result<std::optional<std::string>> find_badge_token(store::Tx& tx, const std::string& participant_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT token FROM fair_badges WHERE participant_id = $1", {participant_id}));
    if (rows.empty()) return std::optional<std::string>();
    return std::optional<std::string>(rows[0].text(0));
}

Result<void> insert_badge(store::Tx& tx, const std::string& participant_id, const std::string& event_id, const std::string& token,
                          int64_t issued_at_ms) {
    KL_TRY(tx.execute("INSERT INTO fair_badges (participant_id, event_id, lookup, token, issued_at_ms) VALUES ($1, $2, $3, $4, $5) "
                      "ON CONFLICT (participant_id) DO NOTHING",
                      {participant_id, event_id, token.substr(0, badge_lookup_chars), token, issued_at_ms}));
    return ok();
}

Result<std::vector<Badge>> badges_by_lookup(store::Tx& tx, const std::string& event_id, const std::string& lookup) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT participant_id, token FROM fair_badges WHERE event_id = $1 AND lookup = $2 "
                                             "ORDER BY participant_id",
                                             {event_id, lookup}));
    std::vector<Badge> out;
    for (const auto& row : rows) out.push_back(Badge{row.text(0), row.text(1)});
    return out;
}

}  // namespace kl::fair
