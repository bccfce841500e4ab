#pragma once
// The SQL of budget quotas and district targets (internal to src/orders), inside a caller's
// transaction, with no permission checks.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "orders/order_types.h"
#include "store/store.h"

namespace kl::orders {

// A budget unit's quota of `year` with its name, district and what it bought that year.
struct QuotaRow {
    BudgetQuota quota;
    std::string buyer_name;
    std::string district;  // "" when the unit has none
    int64_t purchased_fen = 0;
};
// The quotas of `year` (of one buyer when given), by district, then name, then id.
Result<std::vector<QuotaRow>> quota_rows(store::Tx& tx, int64_t year, const std::optional<std::string>& only_buyer);

// Every district in reference order with its target of `year` and the aid sales attributed to it.
struct DistrictRow {
    std::string district, district_name;
    std::optional<int64_t> target_fen;
    int64_t purchased_fen = 0;
};
Result<std::vector<DistrictRow>> district_rows(store::Tx& tx, int64_t year);

// Writes the quota; a field not `given` keeps an existing row's value. Returns the quota as stored.
Result<BudgetQuota> upsert_quota(store::Tx& tx, const BudgetQuota& quota, BudgetQuotaGiven given, int64_t now_ms);
Result<void> upsert_target(store::Tx& tx, const DistrictTarget& target, int64_t now_ms);

}  // namespace kl::orders
