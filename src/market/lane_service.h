#pragma once
// Transport nodes (origin per aided county, destination per Shanghai district; reference data from
// migration 0005) and the lanes between them. Read: every signed-in user; write: admin
// (market_access.h). A lane is unique per (origin, destination, mode, temperature class).

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "market/market_access.h"
#include "market/market_types.h"
#include "store/store.h"

namespace kl::market {

class LaneService {
public:
    LaneService(store::Store& store, const Clock& clock, IdGenerator& ids) : store_(store), clock_(clock), ids_(ids) {}

    Result<std::vector<Node>> nodes(const Actor& actor);
    Result<LanePage> list(const Actor& actor, const LaneFilter& filter, int limit, const std::optional<std::string>& cursor);
    Result<Lane> get(const Actor& actor, const std::string& id);
    // invalid_argument naming origin_node_id, destination_node_id, transit_hours, cost_fen_per_kg;
    // already_exists for a second lane of the same origin, destination, mode and class.
    Result<Lane> create(const Actor& actor, const LaneFields& fields);
    Result<Lane> update(const Actor& actor, const std::string& id, const LaneFields& fields);
    // Refused (failed_precondition) once a proposal names the lane.
    Result<void> remove(const Actor& actor, const std::string& id);

private:
    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
};

// For the demo, inside a caller's transaction (the lanes' SQL: lane_repo.h).
Result<void> check_lane_fields(store::Tx& tx, const LaneFields& fields);

}  // namespace kl::market
