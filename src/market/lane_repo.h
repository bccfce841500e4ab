#pragma once
// The SQL of transport nodes and lanes inside a caller's transaction, without permission checks
// (LaneService checks first; the listing rules, the demo and the allocation read with it).

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "market/market_types.h"
#include "store/store.h"

namespace kl::market {

// Origins first, then destinations, each by id.
Result<std::vector<Node>> load_nodes(store::Tx& tx);
// The kind of node `id`, if there is such a node.
Result<std::optional<NodeKind>> find_node_kind(store::Tx& tx, const std::string& id);

Result<std::optional<Lane>> find_lane(store::Tx& tx, const std::string& id);
Result<std::vector<Lane>> load_all_lanes(store::Tx& tx);
// Lanes matching `filter` after `after_id` (empty: from the start), id order, at most `limit`.
Result<std::vector<Lane>> select_lanes(store::Tx& tx, const LaneFilter& filter, const std::string& after_id,
                                       int64_t limit);
// Another lane than `except_id` with the same origin, destination, mode and temperature class.
Result<std::optional<std::string>> find_twin_lane(store::Tx& tx, const LaneFields& fields,
                                                  const std::string& except_id);
Result<void> insert_lane(store::Tx& tx, const Lane& lane);
Result<void> update_lane(store::Tx& tx, const std::string& id, const LaneFields& fields, int64_t now_ms);
// Whether an allocation proposal names the lane (then it may not be deleted).
Result<bool> lane_in_use(store::Tx& tx, const std::string& id);
Result<void> delete_lane(store::Tx& tx, const std::string& id);

}  // namespace kl::market
