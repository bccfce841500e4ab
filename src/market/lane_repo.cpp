#include "market/lane_repo.h"

#include "store/sql.h"
#include "store/stored.h"

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
    lane.fields.temperature_class = store::stored_enum<catalog::ColdChain>(row.text("temperature_class"));
    lane.created_at_ms = row.i64("created_at_ms");
    lane.updated_at_ms = row.i64("updated_at_ms");
    return lane;
}

NodeKind node_kind_of(const std::string& text) { return text == "origin" ? NodeKind::origin : NodeKind::destination; }

}  // namespace

Result<std::vector<Node>> load_nodes(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id, kind, county_code, district_code, name_zh, name_en "
                                             "FROM market_nodes ORDER BY kind DESC, id"));
    std::vector<Node> nodes;
    for (const auto& row : rows) {
        Node node;
        node.id = row.text("id");
        node.kind = node_kind_of(row.text("kind"));
        node.county = row.opt_text("county_code");
        node.district = row.opt_text("district_code");
        node.name_zh = row.text("name_zh");
        node.name_en = row.text("name_en");
        nodes.push_back(std::move(node));
    }
    return nodes;
}

Result<std::optional<NodeKind>> find_node_kind(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT kind FROM market_nodes WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<NodeKind>{};
    return std::optional<NodeKind>{node_kind_of(rows[0].text(0))};
}

Result<std::optional<Lane>> find_lane(store::Tx& tx, const std::string& id) {
    return store::query_first(tx, std::string(lane_columns) + " WHERE id = $1", {id}, lane_from_row);
}

Result<std::vector<Lane>> load_all_lanes(store::Tx& tx) {
    return store::query_as(tx, std::string(lane_columns) + " ORDER BY id", {}, lane_from_row);
}

Result<std::vector<Lane>> select_lanes(store::Tx& tx, const LaneFilter& filter, const std::string& after_id,
                                       int64_t limit) {
    store::SqlQuery query;
    query.where("id", after_id, ">");
    if (filter.origin_node_id) query.where("origin_node_id", *filter.origin_node_id);
    if (filter.destination_node_id) query.where("destination_node_id", *filter.destination_node_id);
    if (filter.mode) query.where("mode", std::string(to_string(*filter.mode)));
    const std::string sql = std::string(lane_columns) + " WHERE " + query.condition() + " ORDER BY id LIMIT " + query.bind(limit);
    return store::query_as(tx, sql, query.params(), lane_from_row);
}

Result<std::optional<std::string>> find_twin_lane(store::Tx& tx, const LaneFields& fields,
                                                  const std::string& except_id) {
    return store::query_first_text(tx,
                                   "SELECT id FROM market_lanes WHERE origin_node_id = $1 AND destination_node_id = $2 AND "
                                   "mode = $3 AND temperature_class = $4 AND id <> $5",
                                   {fields.origin_node_id, fields.destination_node_id, std::string(to_string(fields.mode)),
                                    std::string(catalog::to_string(fields.temperature_class)), except_id});
}

Result<void> insert_lane(store::Tx& tx, const Lane& lane) {
    const LaneFields& fields = lane.fields;
    KL_TRY(tx.execute("INSERT INTO market_lanes (id, origin_node_id, destination_node_id, mode, transit_hours, "
                      "cost_fen_per_kg, temperature_class, created_at_ms, updated_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      {lane.id, fields.origin_node_id, fields.destination_node_id, std::string(to_string(fields.mode)),
                       fields.transit_hours, fields.cost_fen_per_kg,
                       std::string(catalog::to_string(fields.temperature_class)), lane.created_at_ms,
                       lane.updated_at_ms}));
    return ok();
}

Result<void> update_lane(store::Tx& tx, const std::string& id, const LaneFields& fields, int64_t now_ms) {
    KL_TRY(tx.execute("UPDATE market_lanes SET origin_node_id = $2, destination_node_id = $3, mode = $4, "
                      "transit_hours = $5, cost_fen_per_kg = $6, temperature_class = $7, updated_at_ms = $8 "
                      "WHERE id = $1",
                      {id, fields.origin_node_id, fields.destination_node_id, std::string(to_string(fields.mode)),
                       fields.transit_hours, fields.cost_fen_per_kg,
                       std::string(catalog::to_string(fields.temperature_class)), now_ms}));
    return ok();
}

Result<bool> lane_in_use(store::Tx& tx, const std::string& id) {
    return store::row_exists(tx, "SELECT 1 FROM allocation_proposals WHERE lane_id = $1 LIMIT 1", {id});
}

Result<void> delete_lane(store::Tx& tx, const std::string& id) {
    KL_TRY(tx.execute("DELETE FROM market_lanes WHERE id = $1", {id}));
    return ok();
}

}  // namespace kl::market
