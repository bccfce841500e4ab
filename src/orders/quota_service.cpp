#include "orders/quota_service.h"

#include <climits>
#include <cstdint>
#include <map>

#include "access/permissions.h"

namespace kl::orders {

namespace {

Result<void> check_year(int64_t year) {
    if (year < kl::date_year_min || year > kl::date_year_max) {
        return fail_field("year", ProblemCode::out_of_range, "must be from " + std::to_string(kl::date_year_min) + " to " +
                                      std::to_string(kl::date_year_max));
    }
    return ok();
}

std::string year_start(int64_t year) { return std::to_string(year) + "-01-01"; }
std::string year_end(int64_t year) { return std::to_string(year) + "-12-31"; }

Result<std::vector<QuotaLine>> unit_lines(store::Tx& tx, int64_t year, const std::optional<std::string>& only) {
    std::string sql =
        "SELECT q.buyer_id, o.name, COALESCE(o.district_code, '') AS district, q.canteen_budget_fen, "
        "q.reserved_share_bp, q.no_canteen, "
        "CAST(COALESCE((SELECT SUM(a.amount_fen) FROM aid_sales a WHERE a.buyer_id = q.buyer_id "
        "AND a.sale_date >= $2 AND a.sale_date <= $3), 0) AS BIGINT) AS purchased "
        "FROM budget_quotas q JOIN organisations o ON o.id = q.buyer_id WHERE q.quota_year = $1";
    store::Params params{year, year_start(year), year_end(year)};
    if (only) {
        sql += " AND q.buyer_id = $4";
        params.push_back(*only);
    }
    sql += " ORDER BY district, o.name, q.buyer_id";
    KL_TRY_ASSIGN(store::Rows rows, tx.query(sql, params));
    std::vector<QuotaLine> out;
    for (const auto& row : rows) {
        QuotaLine line;
        line.quota.buyer_id = row.text("buyer_id");
        line.quota.year = year;
        line.quota.canteen_budget_fen = row.i64("canteen_budget_fen");
        line.quota.reserved_share_bp = row.i64("reserved_share_bp");
        line.quota.no_canteen = row.i64("no_canteen") == 1;
        line.buyer_name = row.text("name");
        line.district = row.text("district");
        line.reserved_fen = line.quota.no_canteen ? 0 : line.quota.canteen_budget_fen * line.quota.reserved_share_bp / 10'000;
        line.purchased_fen = row.i64("purchased");
        line.completion_bp = completion_bp(line.purchased_fen, line.reserved_fen);
        out.push_back(std::move(line));
    }
    return out;
}

Result<std::vector<DistrictLine>> district_lines(store::Tx& tx, int64_t year, const std::vector<QuotaLine>& units) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT d.code, d.name_zh, t.target_fen, "
                           "CAST(COALESCE((SELECT SUM(a.amount_fen) FROM aid_sales a WHERE a.district = d.code "
                           "AND a.sale_date >= $2 AND a.sale_date <= $3), 0) AS BIGINT) AS purchased "
                           "FROM districts d LEFT JOIN district_targets t ON t.district = d.code AND t.target_year = $1 "
                           "ORDER BY d.sort_order",
                           {year, year_start(year), year_end(year)}));
    std::map<std::string, int64_t> reserved;
    for (const auto& unit : units) reserved[unit.district] += unit.reserved_fen;
    std::vector<DistrictLine> out;
    for (const auto& row : rows) {
        DistrictLine line;
        line.district = row.text("code");
        line.district_name = row.text("name_zh");
        line.target_fen = row.opt_i64("target_fen");
        line.reserved_fen = reserved[line.district];
        line.purchased_fen = row.i64("purchased");
        line.completion_bp = completion_bp(line.purchased_fen, line.target_fen.value_or(line.reserved_fen));
        out.push_back(std::move(line));
    }
    return out;
}

}  // namespace

std::string percent_text(int64_t basis_points) {
    const int64_t whole = basis_points / 100;
    const int64_t hundredths = basis_points % 100;
    return std::to_string(whole) + "." + (hundredths < 10 ? "0" : "") + std::to_string(hundredths);
}

int64_t completion_bp(int64_t purchased_fen, int64_t base_fen) {
    if (base_fen <= 0) return 0;
    // Both are below 10^15 fen, so the product stays below 10^19 only if purchased is bounded:
    // divide first when it would overflow.
    if (purchased_fen > INT64_MAX / 10'000) return purchased_fen / base_fen * 10'000;
    return purchased_fen * 10'000 / base_fen;
}

Result<BudgetQuota> QuotaService::set_quota(const Actor& actor, const BudgetQuota& quota, BudgetQuotaGiven given) {
    using access::Role;
    KL_TRY(access::require_role(actor, {Role::admin, Role::fund_officer, Role::buyer}));
    KL_TRY(access::require_org_access(actor, quota.buyer_id, access::AccessKind::write));
    KL_TRY(check_year(quota.year));
    if (quota.canteen_budget_fen < 0 || quota.canteen_budget_fen > budget_fen_max) {
        return fail_field("canteen_budget_fen", ProblemCode::out_of_range, "must be from 0 to " + std::to_string(budget_fen_max) + " fen");
    }
    if (quota.reserved_share_bp < 0 || quota.reserved_share_bp > 10'000) {
        return fail_field("reserved_share_bp", ProblemCode::out_of_range, "must be from 0 to 10000 basis points");
    }
    return store_.write([&](store::Tx& tx) -> Result<BudgetQuota> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT kind, channel FROM organisations WHERE id = $1", {quota.buyer_id}));
        if (rows.empty()) return fail(ErrorCode::not_found, "organisation " + quota.buyer_id + " not found");
        if (rows[0].text("kind") != "buyer" || rows[0].opt_text("channel") != std::optional<std::string>("budget_unit")) {
            Error error = Error::invalid("buyer_id", ProblemCode::unknown_reference, "is not a budget unit (a buyer of channel budget_unit)");
            error.code = ErrorCode::failed_precondition;
            return fail(std::move(error));
        }
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
                                int64_t{quota.no_canteen ? 1 : 0}, clock_.now_ms(),
                                int64_t{given.reserved_share_bp ? 1 : 0}, int64_t{given.no_canteen ? 1 : 0}}));
        KL_ASSERT(saved.size() == 1);
        BudgetQuota out = quota;
        out.reserved_share_bp = saved[0].i64("reserved_share_bp");
        out.no_canteen = saved[0].i64("no_canteen") != 0;
        return out;
    });
}

Result<DistrictTarget> QuotaService::set_target(const Actor& actor, const DistrictTarget& target) {
    KL_TRY(access::require_role(actor, {access::Role::admin, access::Role::fund_officer}));
    KL_TRY(check_year(target.year));
    if (target.target_fen < 0 || target.target_fen > budget_fen_max) {
        return fail_field("target_fen", ProblemCode::out_of_range, "must be from 0 to " + std::to_string(budget_fen_max) + " fen");
    }
    return store_.write([&](store::Tx& tx) -> Result<DistrictTarget> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT code FROM districts WHERE code = $1", {target.district}));
        if (rows.empty()) return fail_field("district", ProblemCode::unknown_reference, "must be a Shanghai district code");
        KL_TRY(tx.execute("INSERT INTO district_targets (district, target_year, target_fen, updated_at_ms) "
                          "VALUES ($1, $2, $3, $4) ON CONFLICT (district, target_year) DO UPDATE SET "
                          "target_fen = excluded.target_fen, updated_at_ms = excluded.updated_at_ms",
                          {target.district, target.year, target.target_fen, clock_.now_ms()}));
        return target;
    });
}

Result<QuotaReport> QuotaService::report(const Actor& actor, int64_t year) {
    using access::Role;
    KL_TRY(access::require_role(actor, {Role::admin, Role::fund_officer, Role::auditor, Role::buyer}));
    KL_TRY(check_year(year));
    return store_.read([&](store::Tx& tx) -> Result<QuotaReport> {
        QuotaReport report;
        report.year = year;
        const bool unit_only = actor && actor->role == Role::buyer;
        KL_TRY_ASSIGN(report.units, unit_lines(tx, year, unit_only ? actor->org_id : std::nullopt));
        if (!unit_only) {
            KL_TRY_ASSIGN(report.districts, district_lines(tx, year, report.units));
        }
        return report;
    });
}

}  // namespace kl::orders
