#pragma once
// The SQL behind what an event prints (internal to src/fair, fair_print.h): names of products,
// buyers' open demands, badges and a schedule's seats, read or written in the caller's transaction
// with no permission checks (PrintService checks first).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fair/fair_types.h"
#include "store/store.h"

namespace kl::fair {

struct NamePair {
    std::string zh, en;
};
// The names of those of `product_ids` that exist.
Result<std::map<std::string, NamePair>> product_names(store::Tx& tx, const std::vector<std::string>& product_ids);

// One open demand of a buyer organisation: what (a product's or a category's name) and how much.
struct OpenDemand {
    NamePair what;
    int64_t quantity_g = 0;
};
// The open demands of each of `org_ids` (oldest first), at most `per_org_max` each.
Result<std::map<std::string, std::vector<OpenDemand>>> open_demands(store::Tx& tx, const std::vector<std::string>& org_ids,
                                                                   size_t per_org_max);

struct Badge {
    std::string participant_id, token;
};
Result<std::optional<std::string>> find_badge_token(store::Tx& tx, const std::string& participant_id);
// Stores the token unless the participant has one already (a concurrent first print): either way,
// the caller reads the stored one back.
Result<void> insert_badge(store::Tx& tx, const std::string& participant_id, const std::string& event_id, const std::string& token,
                          int64_t issued_at_ms);
// The event's badges whose token starts with `lookup`.
Result<std::vector<Badge>> badges_by_lookup(store::Tx& tx, const std::string& event_id, const std::string& lookup);

}  // namespace kl::fair
