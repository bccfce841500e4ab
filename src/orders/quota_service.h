#pragma once
// Aid-purchase quotas (832 采购人管理系统): a budget unit (a buyer whose channel is budget_unit)
// records, per year, its canteen food budget and the share of it reserved for products from aided
// areas (default 1000 bp = 10 %, the national floor), or that it has no canteen ("无食堂", exempt);
// districts can carry an annual target in fen. Completion is the year's aid sales (aid_sales.h)
// against the reserved amount or the target, as an amount and as basis points (integer arithmetic:
// completion_bp = purchased × 10000 / base, floored; a zero base reports 0).
//
// Who may do what:
//   set_quota        admin, fund_officer; a buyer for its own unit
//   set_target       admin, fund_officer
//   report           programme-wide roles: every unit and district; a buyer: its own unit (no
//                    districts); other roles: permission_denied

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "orders/order_access.h"
#include "orders/order_types.h"
#include "store/store.h"

namespace kl::orders {

inline constexpr int64_t budget_fen_max = 1'000'000'000'000'00;  // ¥1 trillion

struct QuotaLine {
    BudgetQuota quota;
    std::string buyer_name;
    std::string district;        // the unit's district
    int64_t reserved_fen = 0;    // budget × share (0 without a canteen)
    int64_t purchased_fen = 0;   // the year's aid sales to this unit
    int64_t completion_bp = 0;
};

struct DistrictLine {
    std::string district;
    std::string district_name;
    std::optional<int64_t> target_fen;
    int64_t reserved_fen = 0;    // the reserved amounts of its budget units
    int64_t purchased_fen = 0;   // the year's aid sales attributed to the district
    int64_t completion_bp = 0;   // against the target, or else the reserved amounts
};

struct QuotaReport {
    int64_t year = 0;
    std::vector<QuotaLine> units;       // by district, then buyer name
    std::vector<DistrictLine> districts;  // every district, in reference order
};

// "141.25" for 14125 bp: the percentage with two decimals, for people.
std::string percent_text(int64_t basis_points);
// purchased × 10000 / base, floored; 0 when the base is 0.
int64_t completion_bp(int64_t purchased_fen, int64_t base_fen);

class QuotaService {
public:
    QuotaService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    // invalid_argument naming year, canteen_budget_fen or reserved_share_bp; failed_precondition
    // naming buyer_id when the buyer is not a budget unit.
    // Creates or replaces the year's quota; fields not `given` keep their value when it exists.
    Result<BudgetQuota> set_quota(const Actor& actor, const BudgetQuota& quota, BudgetQuotaGiven given = {});
    Result<DistrictTarget> set_target(const Actor& actor, const DistrictTarget& target);
    Result<QuotaReport> report(const Actor& actor, int64_t year);

private:
    store::Store& store_;
    const Clock& clock_;
};

}  // namespace kl::orders
