#include "orders/quota_repo.h"

#include "core/assert.h"
#include "store/sql.h"

namespace kl::orders {

namespace {

std::string year_start(int64_t year) { return std::to_string(year) + "-01-01"; }
std::string year_end(int64_t year) { return std::to_string(year) + "-12-31"; }

}  // namespace

Result<std::vector<QuotaRow>> quota_rows(store::Tx& tx, int64_t year, const std::optional<std::string>& only_buyer) {
    std::string sql =
        "SELECT q.buyer_id, o.name, COALESCE(o.district_code, '') AS district, q.canteen_budget_fen, "
        "q.reserved_share_bp, q.no_canteen, "
        "CAST(COALESCE((SELECT SUM(a.amount_fen) FROM aid_sales a WHERE a.buyer_id = q.buyer_id "
        "AND a.sale_date >= $2 AND a.sale_date <= $3), 0) AS BIGINT) AS purchased "
        "FROM budget_quotas q JOIN organisations o ON o.id = q.buyer_id WHERE q.quota_year = $1";
    store::Params params{year, year_start(year), year_end(year)};
    if (only_buyer) {
        sql += " AND q.buyer_id = $4";
        params.push_back(*only_buyer);
    }
    sql += " ORDER BY district, o.name, q.buyer_id";
    KL_TRY_ASSIGN(store::Rows rows, tx.query(sql, params));
    std::vector<QuotaRow> out;
    for (const auto& row : rows) {
        QuotaRow line;
        line.quota.buyer_id = row.text("buyer_id");
        line.quota.year = year;
        line.quota.canteen_budget_fen = row.i64("canteen_budget_fen");
        line.quota.reserved_share_bp = row.i64("reserved_share_bp");
        line.quota.no_canteen = row.i64("no_canteen") == 1;
        line.buyer_name = row.text("name");
        line.district = row.text("district");
        line.purchased_fen = row.i64("purchased");
        out.push_back(std::move(line));
    }
    return out;
}

Result<std::vector<DistrictRow>> district_rows(store::Tx& tx, int64_t year) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT d.code, d.name_zh, t.target_fen, "
                           "CAST(COALESCE((SELECT SUM(a.amount_fen) FROM aid_sales a WHERE a.district = d.code "
                           "AND a.sale_date >= $2 AND a.sale_date <= $3), 0) AS BIGINT) AS purchased "
                           "FROM districts d LEFT JOIN district_targets t ON t.district = d.code AND t.target_year = $1 "
                           "ORDER BY d.sort_order",
                           {year, year_start(year), year_end(year)}));
    std::vector<DistrictRow> out;
    for (const auto& row : rows) {
        out.push_back(DistrictRow{row.text("code"), row.text("name_zh"), row.opt_i64("target_fen"), row.i64("purchased")});
    }
    return out;
}

Result<BudgetQuota> upsert_quota(store::Tx& tx, const BudgetQuota& quota, BudgetQuotaGiven given, int64_t now_ms) {
    // $7 and $8 say whether reserved_share_bp and no_canteen were given; if not, an existing row keeps its own.
    KL_TRY_ASSIGN(store::Rows saved,
                  tx.query("INSERT INTO budget_quotas (buyer_id, quota_year, canteen_budget_fen, reserved_share_bp, "
                           "no_canteen, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6) "
                           "ON CONFLICT (buyer_id, quota_year) DO UPDATE SET canteen_budget_fen = excluded.canteen_budget_fen, "
                           "reserved_share_bp = CASE WHEN $7 = 1 THEN excluded.reserved_share_bp "
                           "ELSE budget_quotas.reserved_share_bp END, "
                           "no_canteen = CASE WHEN $8 = 1 THEN excluded.no_canteen ELSE budget_quotas.no_canteen END, "
                           "updated_at_ms = excluded.updated_at_ms RETURNING reserved_share_bp, no_canteen",
                           {quota.buyer_id, quota.year, quota.canteen_budget_fen, quota.reserved_share_bp,
                            int64_t{quota.no_canteen ? 1 : 0}, now_ms, int64_t{given.reserved_share_bp ? 1 : 0},
                            int64_t{given.no_canteen ? 1 : 0}}));
    KL_ASSERT(saved.size() == 1);
    BudgetQuota out = quota;
    out.reserved_share_bp = saved[0].i64("reserved_share_bp");
    out.no_canteen = saved[0].i64("no_canteen") != 0;
    return out;
}

Result<void> upsert_target(store::Tx& tx, const DistrictTarget& target, int64_t now_ms) {
    return store::exec(tx,
                       "INSERT INTO district_targets (district, target_year, target_fen, updated_at_ms) "
                       "VALUES ($1, $2, $3, $4) ON CONFLICT (district, target_year) DO UPDATE SET "
                       "target_fen = excluded.target_fen, updated_at_ms = excluded.updated_at_ms",
                       {target.district, target.year, target.target_fen, now_ms});
}

}  // namespace kl::orders
