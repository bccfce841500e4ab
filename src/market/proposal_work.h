#pragma once
// The allocation proposals awaiting an actor's decision, for the to-do home (core/work_item.h):
// kind `proposals_to_decide`, for a producer those its organisation sells in, for a buyer those it
// buys in (the side market_access.h lets it decide). Other roles decide none: an empty list.

#include <vector>

#include "core/result.h"
#include "core/work_item.h"
#include "market/market_access.h"
#include "store/store.h"

namespace kl::market {

Result<std::vector<WorkQueue>> proposal_work(store::Tx& tx, const Actor& actor);

}  // namespace kl::market
