#include "orders/quota_service.h"

#include <climits>
#include <cstdint>
#include <map>

#include "access/permissions.h"
#include "catalog/organisation_repo.h"
#include "catalog/reference_repo.h"
#include "orders/quota_repo.h"

namespace kl::orders {

namespace {

Result<void> check_year(int64_t year) {
    if (year < kl::date_year_min || year > kl::date_year_max) {
        return fail_field("year", ProblemCode::out_of_range, "must be from " + std::to_string(kl::date_year_min) + " to " +
                                      std::to_string(kl::date_year_max));
    }
    return ok();
}

std::vector<QuotaLine> unit_lines(std::vector<QuotaRow> rows) {
    std::vector<QuotaLine> out;
    for (auto& row : rows) {
        QuotaLine line;
        line.quota = row.quota;
        line.buyer_name = std::move(row.buyer_name);
        line.district = std::move(row.district);
        line.reserved_fen = line.quota.no_canteen ? 0 : line.quota.canteen_budget_fen * line.quota.reserved_share_bp / 10'000;
        line.purchased_fen = row.purchased_fen;
        line.completion_bp = completion_bp(line.purchased_fen, line.reserved_fen);
        out.push_back(std::move(line));
    }
    return out;
}

std::vector<DistrictLine> district_lines(std::vector<DistrictRow> rows, const std::vector<QuotaLine>& units) {
    std::map<std::string, int64_t> reserved;
    for (const auto& unit : units) reserved[unit.district] += unit.reserved_fen;
    std::vector<DistrictLine> out;
    for (auto& row : rows) {
        DistrictLine line;
        line.district = std::move(row.district);
        line.district_name = std::move(row.district_name);
        line.target_fen = row.target_fen;
        line.reserved_fen = reserved[line.district];
        line.purchased_fen = row.purchased_fen;
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
        KL_TRY_ASSIGN(auto buyer, catalog::find_profile(tx, quota.buyer_id));
        if (!buyer) return fail(ErrorCode::not_found, "organisation " + quota.buyer_id + " not found");
        if (buyer->fields.kind != access::OrgKind::buyer || buyer->fields.channel != catalog::BuyerChannel::budget_unit) {
            Error error = Error::invalid("buyer_id", ProblemCode::unknown_reference, "is not a budget unit (a buyer of channel budget_unit)");
            error.code = ErrorCode::failed_precondition;
            return fail(std::move(error));
        }
        return upsert_quota(tx, quota, given, clock_.now_ms());
    });
}

Result<DistrictTarget> QuotaService::set_target(const Actor& actor, const DistrictTarget& target) {
    KL_TRY(access::require_role(actor, {access::Role::admin, access::Role::fund_officer}));
    KL_TRY(check_year(target.year));
    if (target.target_fen < 0 || target.target_fen > budget_fen_max) {
        return fail_field("target_fen", ProblemCode::out_of_range, "must be from 0 to " + std::to_string(budget_fen_max) + " fen");
    }
    return store_.write([&](store::Tx& tx) -> Result<DistrictTarget> {
        KL_TRY_ASSIGN(auto district, catalog::find_district(tx, target.district));
        if (!district) return fail_field("district", ProblemCode::unknown_reference, "must be a Shanghai district code");
        KL_TRY(upsert_target(tx, target, clock_.now_ms()));
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
        KL_TRY_ASSIGN(auto units, quota_rows(tx, year, unit_only ? actor->org_id : std::nullopt));
        report.units = unit_lines(std::move(units));
        if (!unit_only) {
            KL_TRY_ASSIGN(auto districts, district_rows(tx, year));
            report.districts = district_lines(std::move(districts), report.units);
        }
        return report;
    });
}

}  // namespace kl::orders
