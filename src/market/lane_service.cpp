#include "market/lane_service.h"

#include "access/page_cursor.h"
#include "access/permissions.h"

namespace kl::market {

namespace {

constexpr std::string_view lane_columns =
    "SELECT id, origin_node_id, destination_node_id, mode, transit_hours, cost_fen_per_kg, temperature_class, "
    "created_at_ms, updated_at_ms FROM market_lanes";

Lane lane_from_row(const store::Row& row) {
    Lane lane;
    lane.id = row.text("id");
    lane.fields.origin_node_id = row.text("origin_node_id");
    lane.fields.destination_node_id = row.text("destination_node_id");
    lane.fields.mode = parse_mode(row.text("mode")).value();
    lane.fields.transit_hours = row.i64("transit_hours");
    lane.fields.cost_fen_per_kg = row.i64("cost_fen_per_kg");
    lane.fields.temperature_class = catalog::parse_cold_chain(row.text("temperature_class")).value();
    lane.created_at_ms = row.i64("created_at_ms");
    lane.updated_at_ms = row.i64("updated_at_ms");
    return lane;
}

Result<std::optional<NodeKind>> node_kind(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT kind FROM market_nodes WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<NodeKind>{};
    return std::optional<NodeKind>{rows[0].text(0) == "origin" ? NodeKind::origin : NodeKind::destination};
}

Result<std::optional<Lane>> find_lane(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(std::string(lane_columns) + " WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<Lane>{};
    return std::optional<Lane>{lane_from_row(rows[0])};
}

Result<void> require_signed_in_reader(const Actor&) {
    // Every signed-in user reads lanes; routes already require a session.
    return ok();
}

Result<void> check_unique(store::Tx& tx, const LaneFields& fields, const std::string& except_id) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT id FROM market_lanes WHERE origin_node_id = $1 AND destination_node_id = $2 AND "
                           "mode = $3 AND temperature_class = $4 AND id <> $5",
                           {fields.origin_node_id, fields.destination_node_id, std::string(to_string(fields.mode)),
                            std::string(catalog::to_string(fields.temperature_class)), except_id}));
    if (!rows.empty()) {
        return fail(Error{ErrorCode::already_exists, "a lane with this origin, destination, mode and temperature class exists",
                          {FieldError{"mode", "already has a lane between these nodes: " + rows[0].text(0)}}});
    }
    return ok();
}

}  // namespace

Result<void> check_lane_fields(store::Tx& tx, const LaneFields& fields) {
    std::vector<FieldError> errors;
    KL_TRY_ASSIGN(std::optional<NodeKind> origin, node_kind(tx, fields.origin_node_id));
    if (origin != NodeKind::origin) errors.push_back({"origin_node_id", "must be an origin node (origin-<county>)"});
    KL_TRY_ASSIGN(std::optional<NodeKind> destination, node_kind(tx, fields.destination_node_id));
    if (destination != NodeKind::destination) {
        errors.push_back({"destination_node_id", "must be a destination node (dest-<district>)"});
    }
    if (fields.transit_hours < 1 || fields.transit_hours > transit_hours_max) {
        errors.push_back({"transit_hours", "must be 1 to " + std::to_string(transit_hours_max)});
    }
    if (fields.cost_fen_per_kg < 0 || fields.cost_fen_per_kg > freight_fen_per_kg_max) {
        errors.push_back({"cost_fen_per_kg", "must be 0 to " + std::to_string(freight_fen_per_kg_max)});
    }
    if (errors.empty()) return ok();
    return fail(Error{ErrorCode::invalid_argument, errors.front().field + ": " + errors.front().message, errors});
}

Result<std::vector<Lane>> load_all_lanes(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(std::string(lane_columns) + " ORDER BY id"));
    std::vector<Lane> lanes;
    for (const auto& row : rows) lanes.push_back(lane_from_row(row));
    return lanes;
}

Result<std::vector<Node>> LaneService::nodes(const Actor& actor) {
    KL_TRY(require_signed_in_reader(actor));
    return store_.read([](store::Tx& tx) -> Result<std::vector<Node>> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id, kind, county_code, district_code, name_zh, name_en "
                                                 "FROM market_nodes ORDER BY kind DESC, id"));
        std::vector<Node> nodes;
        for (const auto& row : rows) {
            Node node;
            node.id = row.text("id");
            node.kind = row.text("kind") == "origin" ? NodeKind::origin : NodeKind::destination;
            node.county = row.opt_text("county_code");
            node.district = row.opt_text("district_code");
            node.name_zh = row.text("name_zh");
            node.name_en = row.text("name_en");
            nodes.push_back(std::move(node));
        }
        return nodes;
    });
}

Result<LanePage> LaneService::list(const Actor& actor, const LaneFilter& filter, int limit,
                                   const std::optional<std::string>& cursor) {
    KL_TRY(require_signed_in_reader(actor));
    KL_TRY(access::check_page_limit(limit));
    KL_TRY_ASSIGN(std::optional<std::string> after, access::decode_optional_cursor(cursor));
    return store_.read([&](store::Tx& tx) -> Result<LanePage> {
        std::string sql = std::string(lane_columns) + " WHERE id > $1";
        store::Params params{after.value_or("")};
        auto add = [&](const char* column, const std::string& value) {
            params.push_back(value);
            sql += std::string(" AND ") + column + " = $" + std::to_string(params.size());
        };
        if (filter.origin_node_id) add("origin_node_id", *filter.origin_node_id);
        if (filter.destination_node_id) add("destination_node_id", *filter.destination_node_id);
        if (filter.mode) add("mode", std::string(to_string(*filter.mode)));
        params.push_back(int64_t{limit} + 1);
        sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
        KL_TRY_ASSIGN(store::Rows rows, tx.query(sql, params));
        LanePage page;
        for (const auto& row : rows) {
            if (static_cast<int>(page.lanes.size()) == limit) {
                page.next_cursor = access::encode_cursor(page.lanes.back().id);
                break;
            }
            page.lanes.push_back(lane_from_row(row));
        }
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
        KL_TRY(tx.execute("INSERT INTO market_lanes (id, origin_node_id, destination_node_id, mode, transit_hours, "
                          "cost_fen_per_kg, temperature_class, created_at_ms, updated_at_ms) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
                          {id, fields.origin_node_id, fields.destination_node_id, std::string(to_string(fields.mode)),
                           fields.transit_hours, fields.cost_fen_per_kg,
                           std::string(catalog::to_string(fields.temperature_class)), now}));
        return Lane{id, fields, now, now};
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
        KL_TRY(tx.execute("UPDATE market_lanes SET origin_node_id = $2, destination_node_id = $3, mode = $4, "
                          "transit_hours = $5, cost_fen_per_kg = $6, temperature_class = $7, updated_at_ms = $8 "
                          "WHERE id = $1",
                          {id, fields.origin_node_id, fields.destination_node_id, std::string(to_string(fields.mode)),
                           fields.transit_hours, fields.cost_fen_per_kg,
                           std::string(catalog::to_string(fields.temperature_class)), now}));
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
        KL_TRY_ASSIGN(store::Rows used, tx.query("SELECT id FROM allocation_proposals WHERE lane_id = $1 LIMIT 1", {id}));
        if (!used.empty()) {
            return fail(ErrorCode::failed_precondition, "lane " + id + " is named by allocation proposals; change it instead");
        }
        KL_TRY(tx.execute("DELETE FROM market_lanes WHERE id = $1", {id}));
        return ok();
    });
}

}  // namespace kl::market
