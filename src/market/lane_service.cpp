#include "market/lane_service.h"

#include "access/permissions.h"
#include "market/lane_repo.h"
#include "store/page.h"

namespace kl::market {

namespace {

Result<void> require_signed_in_reader(const Actor&) {
    // Every signed-in user reads lanes; routes already require a session.
    return ok();
}

Result<void> check_unique(store::Tx& tx, const LaneFields& fields, const std::string& except_id) {
    KL_TRY_ASSIGN(std::optional<std::string> twin, find_twin_lane(tx, fields, except_id));
    if (twin) {
        return fail(Error{ErrorCode::already_exists, "a lane with this origin, destination, mode and temperature class exists",
                          {FieldError{"mode", ProblemCode::duplicate, "already has a lane between these nodes: " + *twin}}});
    }
    return ok();
}

}  // namespace

Result<void> check_lane_fields(store::Tx& tx, const LaneFields& fields) {
    std::vector<FieldError> errors;
    KL_TRY_ASSIGN(std::optional<NodeKind> origin, find_node_kind(tx, fields.origin_node_id));
    if (origin != NodeKind::origin) errors.push_back({"origin_node_id", ProblemCode::invalid_value, "must be an origin node (origin-<county>)"});
    KL_TRY_ASSIGN(std::optional<NodeKind> destination, find_node_kind(tx, fields.destination_node_id));
    if (destination != NodeKind::destination) {
        errors.push_back({"destination_node_id", ProblemCode::invalid_value, "must be a destination node (dest-<district>)"});
    }
    if (fields.transit_hours < 1 || fields.transit_hours > transit_hours_max) {
        errors.push_back({"transit_hours", ProblemCode::out_of_range, "must be 1 to " + std::to_string(transit_hours_max)});
    }
    if (fields.cost_fen_per_kg < 0 || fields.cost_fen_per_kg > freight_fen_per_kg_max) {
        errors.push_back({"cost_fen_per_kg", ProblemCode::out_of_range, "must be 0 to " + std::to_string(freight_fen_per_kg_max)});
    }
    if (errors.empty()) return ok();
    return fail(Error{ErrorCode::invalid_argument, errors.front().field + ": " + errors.front().message, errors});
}

Result<std::vector<Node>> LaneService::nodes(const Actor& actor) {
    KL_TRY(require_signed_in_reader(actor));
    return store_.read([](store::Tx& tx) { return load_nodes(tx); });
}

Result<LanePage> LaneService::list(const Actor& actor, const LaneFilter& filter, int limit,
                                   const std::optional<std::string>& cursor) {
    KL_TRY(require_signed_in_reader(actor));
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    return store_.read([&](store::Tx& tx) -> Result<LanePage> {
        KL_TRY_ASSIGN(std::vector<Lane> lanes, select_lanes(tx, filter, after.value_or(""), store::page_rows_to_fetch(limit)));
        LanePage page;
        page.next_cursor = store::finish_page(lanes, limit, [](const auto& item) { return item.id; });
        page.lanes = std::move(lanes);
        return page;
    });
}

Result<Lane> LaneService::get(const Actor& actor, const std::string& id) {
    KL_TRY(require_signed_in_reader(actor));
    return store_.read([&](store::Tx& tx) -> Result<Lane> {
        KL_TRY_ASSIGN(std::optional<Lane> lane, find_lane(tx, id));
        if (!lane) return fail(ErrorCode::not_found, "lane " + id + " not found");
        return std::move(*lane);
    });
}

Result<Lane> LaneService::create(const Actor& actor, const LaneFields& fields) {
    KL_TRY(require_admin(actor));
    return store_.write([&](store::Tx& tx) -> Result<Lane> {
        KL_TRY(check_lane_fields(tx, fields));
        const std::string id = ids_.next();
        KL_TRY(check_unique(tx, fields, id));
        const int64_t now = clock_.now_ms();
        const Lane lane{id, fields, now, now};
        KL_TRY(insert_lane(tx, lane));
        return lane;
    });
}

Result<Lane> LaneService::update(const Actor& actor, const std::string& id, const LaneFields& fields) {
    KL_TRY(require_admin(actor));
    return store_.write([&](store::Tx& tx) -> Result<Lane> {
        KL_TRY_ASSIGN(std::optional<Lane> lane, find_lane(tx, id));
        if (!lane) return fail(ErrorCode::not_found, "lane " + id + " not found");
        KL_TRY(check_lane_fields(tx, fields));
        KL_TRY(check_unique(tx, fields, id));
        const int64_t now = clock_.now_ms();
        KL_TRY(update_lane(tx, id, fields, now));
        lane->fields = fields;
        lane->updated_at_ms = now;
        return std::move(*lane);
    });
}

Result<void> LaneService::remove(const Actor& actor, const std::string& id) {
    KL_TRY(require_admin(actor));
    return store_.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(std::optional<Lane> lane, find_lane(tx, id));
        if (!lane) return fail(ErrorCode::not_found, "lane " + id + " not found");
        KL_TRY_ASSIGN(const bool used, lane_in_use(tx, id));
        if (used) {
            return fail(ErrorCode::failed_precondition, "lane " + id + " is named by allocation proposals; change it instead");
        }
        return delete_lane(tx, id);
    });
}

}  // namespace kl::market
