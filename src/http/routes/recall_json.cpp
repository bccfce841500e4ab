#include "http/routes/recall_json.h"

#include <nlohmann/json.hpp>

#include "core/field_errors.h"
#include "http/json_body.h"
#include "http/routes/route_kit.h"
#include "http/routes/trace_json.h"
#include "trace/event_hash.h"

namespace kl::http::recall_json {

namespace {

constexpr size_t id_chars_max = 64;
// Lots one acknowledgement may name: as many as a buyer can have received of one recall's lots.
constexpr size_t recovered_items_max = 2000;

json optional_text(const std::optional<std::string>& text) { return text ? json(*text) : json(nullptr); }
json time_or_null(const std::optional<int64_t>& ms) { return ms ? json(trace::utc_timestamp(*ms)) : json(nullptr); }

json node_json(const trace::TraceNode& node) {
    json out = {{"key", node.key}, {"kind", std::string(to_string(node.kind))}, {"depth", node.depth}, {"hidden", node.hidden}};
    if (node.lot) {
        const auto& lot = *node.lot;
        out["id"] = lot.id;
        out["name"] = lot.product_name + " " + lot.lot_code;
        out["name_en"] = (lot.product_name_en.empty() ? lot.product_name : lot.product_name_en) + " " + lot.lot_code;
        out["lot"] = http::trace_json::lot_json(lot);
        out["lot"].erase("suppliers");  // a trace shows them as `supplied` edges (backward)
    } else if (node.kind == trace::NodeKind::pallet) {
        out["id"] = node.sscc;
        out["name"] = out["name_en"] = "SSCC " + node.sscc;
    } else if (node.order) {
        const auto& order = *node.order;
        out["id"] = order.id;
        out["name"] = order.buyer_name;
        out["name_en"] = order.buyer_name_en.empty() ? order.buyer_name : order.buyer_name_en;
        out["order"] = {{"id", order.id},
                        {"status", order.status},
                        {"order_date", date_or_null(order.order_date)},
                        {"seller_id", order.seller_id},
                        {"seller_name", order.seller_name},
                        {"seller_name_en", order.seller_name_en},
                        {"buyer_id", order.buyer_id},
                        {"buyer_name", order.buyer_name},
                        {"buyer_name_en", order.buyer_name_en}};
    } else if (node.organisation) {
        const auto& organisation = *node.organisation;
        out["id"] = organisation.id;
        out["name"] = organisation.name;
        out["name_en"] = organisation.name_en.empty() ? organisation.name : organisation.name_en;
        out["organisation"] = {{"id", organisation.id},
                               {"name", organisation.name},
                               {"name_en", organisation.name_en},
                               {"kind", organisation.kind},
                               {"county", organisation.county.empty() ? json(nullptr) : json(organisation.county)}};
    } else {
        out["id"] = nullptr;
        out["name"] = out["name_en"] = nullptr;
    }
    return out;
}

json edge_json(const trace::TraceEdge& edge) {
    const bool evented = !edge.event_pk.empty();
    return {{"from", edge.from},
            {"to", edge.to},
            {"kind", std::string(to_string(edge.kind))},
            {"event_id", evented ? json(edge.event_id) : json(nullptr)},
            {"event_time", evented ? json(trace::utc_timestamp(edge.event_time_ms)) : json(nullptr)},
            {"quantity", edge.quantity > 0 ? json(edge.quantity) : json(nullptr)},
            {"to_quantity", edge.to_quantity > 0 ? json(edge.to_quantity) : json(nullptr)},
            {"declared_wrong", edge.declared_wrong}};
}

json notice_json(const trace::RecallNotice& notice) {
    json items = json::array();
    for (const auto& item : notice.items) {
        items.push_back({{"lot_id", item.lot_id},
                         {"lot_code", item.lot_code},
                         {"product_name", item.product_name},
                         {"product_name_en", item.product_name_en},
                         {"grade", item.grade},
                         {"quantity_unit", std::string(to_string(item.quantity_unit))},
                         {"quantity", item.quantity},
                         {"recovered", item.recovered ? json(*item.recovered) : json(nullptr)}});
    }
    json orders = json::array();
    for (const auto& order : notice.orders) orders.push_back({{"id", order.order_id}, {"order_date", date_or_null(order.order_date)}});
    return {{"buyer_id", notice.buyer_id},
            {"buyer_name", notice.buyer_name},
            {"buyer_name_en", notice.buyer_name_en},
            {"items", std::move(items)},
            {"orders", std::move(orders)},
            {"acknowledged", notice.acknowledged_at_ms.has_value()},
            {"acknowledged_at", time_or_null(notice.acknowledged_at_ms)},
            {"acknowledged_by", optional_text(notice.acknowledged_by)},
            {"note", notice.note}};
}

}  // namespace

json trace_json(const trace::TraceGraph& graph) {
    json nodes = json::array(), edges = json::array();
    for (const auto& node : graph.nodes) nodes.push_back(node_json(node));
    for (const auto& edge : graph.edges) edges.push_back(edge_json(edge));
    json counts = {{"lots", 0}, {"pallets", 0}, {"orders", 0}, {"organisations", 0}, {"hidden", 0}};
    for (const auto& node : graph.nodes) {
        if (node.hidden) counts["hidden"] = counts["hidden"].get<int64_t>() + 1;
        else {
            const std::string kind = std::string(to_string(node.kind)) + "s";
            counts[kind] = counts[kind].get<int64_t>() + 1;
        }
    }
    return {{"lot_id", graph.lot_id},
            {"direction", std::string(to_string(graph.direction))},
            {"complete", graph.complete},
            {"stopped_by", graph.stopped_by.empty() ? json(nullptr) : json(graph.stopped_by)},
            {"depth_max", graph.depth_max},
            {"nodes_max", graph.nodes_max},
            {"counts", std::move(counts)},
            {"nodes", std::move(nodes)},
            {"edges", std::move(edges)}};
}

json recall_json(const trace::Recall& recall) {
    json notices = json::array();
    for (const auto& notice : recall.notices) notices.push_back(notice_json(notice));
    return {{"id", recall.id},
            {"lot_id", recall.lot_id},
            {"lot_code", recall.lot_code},
            {"product_name", recall.product_name},
            {"product_name_en", recall.product_name_en},
            {"quantity_unit", std::string(to_string(recall.quantity_unit))},
            {"producer_id", recall.producer_id},
            {"producer_name", recall.producer_name},
            {"producer_name_en", recall.producer_name_en},
            {"county", recall.county.empty() ? json(nullptr) : json(recall.county)},
            {"reason", recall.reason},
            {"status", std::string(to_string(recall.status))},
            {"affected_lots", recall.affected_lots},
            {"affected_pallets", recall.affected_pallets},
            {"affected_orders", recall.affected_orders},
            {"buyers", recall.buyers},
            {"buyers_acknowledged", recall.buyers_acknowledged},
            {"opened_by", optional_text(recall.opened_by)},
            {"opened_role", recall.opened_role},
            {"opened_org", optional_text(recall.opened_org)},
            {"opened_at", trace::utc_timestamp(recall.opened_at_ms)},
            {"closed_how", recall.closed_how ? json(std::string(to_string(*recall.closed_how))) : json(nullptr)},
            {"close_note", optional_text(recall.close_note)},
            {"closed_by", optional_text(recall.closed_by)},
            {"closed_at", time_or_null(recall.closed_at_ms)},
            {"notices", std::move(notices)}};
}

Result<trace::NewRecall> decode_new_recall(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"lot_id", "reason"});
    trace::NewRecall input;
    input.lot_id = reader.text("lot_id", 1, id_chars_max);
    input.reason = reader.text("reason", 1, trace::recall_reason_chars_max, TextKind::prose);
    KL_TRY(reader.finish());
    return input;
}

Result<trace::RecallAcknowledgement> decode_acknowledgement(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"recovered", "note"});
    trace::RecallAcknowledgement input;
    input.note = reader.opt_text("note", trace::recall_note_chars_max, TextKind::prose).value_or("");
    FieldErrors problems;
    problems.take(reader.finish());
    if (const json* items = read_array(body, "recovered", "", recovered_items_max, true, problems)) {
        for (size_t i = 0; i < items->size(); ++i) {
            const std::string path = "recovered/" + std::to_string(i);
            if (!(*items)[i].is_object()) {
                problems.add(path, ProblemCode::wrong_type, "must be an object");
                continue;
            }
            FieldReader item((*items)[i], path + "/");
            item.allow_only({"lot_id", "quantity"});
            trace::Recovered recovered;
            recovered.lot_id = item.text("lot_id", 1, id_chars_max);
            recovered.quantity = item.integer("quantity", 0, trace::lot_quantity_max);
            problems.take(item.finish());
            input.recovered.push_back(std::move(recovered));
        }
    }
    KL_TRY(problems.finish());
    return input;
}

Result<std::string> decode_close(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"note"});
    std::string note = reader.text("note", 1, trace::recall_note_chars_max, TextKind::prose);
    KL_TRY(reader.finish());
    return note;
}

void add_recall_schemas(Router& router) {
    const json text = string_schema();
    const json nullable_text = nullable(string_schema());
    const json integer = integer_schema();
    router.add_schema(
        "TraceNode",
        object_schema({{"key", {{"type", "string"}, {"description", "lot:<id>, pallet:<SSCC>, order:<id>, organisation:<id>, or hidden:<n>"}}},
                       {"kind", enum_of<trace::NodeKind>()},
                       {"depth", integer},
                       {"hidden", {{"type", "boolean"}, {"description", "an order outside the caller's scope: no id, no names"}}},
                       {"id", nullable_text},
                       {"name", nullable_text},
                       {"name_en", nullable_text},
                       {"lot", ref_schema("Lot")},  // without suppliers: a backward trace shows them as edges
                       {"order", object_schema({{"id", text}, {"status", text}, {"order_date", nullable(date_schema())}, {"seller_id", text},
                                                {"seller_name", text}, {"seller_name_en", text}, {"buyer_id", text}, {"buyer_name", text},
                                                {"buyer_name_en", text}})},
                       {"organisation", object_schema({{"id", text}, {"name", text}, {"name_en", text}, {"kind", text}, {"county", nullable_text}})}})
            .dump());
    router.add_schema("TraceEdge",
                      object_schema({{"from", text},
                                     {"to", text},
                                     {"kind", enum_of<trace::EdgeKind>()},
                                     {"event_id", nullable_text},
                                     {"event_time", nullable(date_time_schema())},
                                     {"quantity", nullable(integer_schema(1, trace::lot_quantity_max, "taken of the from-node, in its unit"))},
                                     {"to_quantity", nullable(integer_schema(1, trace::lot_quantity_max, "made of or put into the to-node"))},
                                     {"declared_wrong", {{"type", "boolean"}}}})
                          .dump());
    router.add_schema("Trace", object_schema({{"lot_id", text},
                                              {"direction", enum_of<trace::Direction>()},
                                              {"complete", {{"type", "boolean"}}},
                                              {"stopped_by", nullable(enum_of(std::vector<std::string>{"depth", "nodes"}))},
                                              {"depth_max", integer},
                                              {"nodes_max", integer},
                                              {"counts", object_schema({{"lots", integer}, {"pallets", integer}, {"orders", integer},
                                                                        {"organisations", integer}, {"hidden", integer}})},
                                              {"nodes", array_of(ref_schema("TraceNode"))},
                                              {"edges", array_of(ref_schema("TraceEdge"))}})
                                   .dump());
    const json item = object_schema({{"lot_id", text}, {"lot_code", text}, {"product_name", text}, {"product_name_en", text}, {"grade", text},
                                     {"quantity_unit", enum_of<trace::QuantityUnit>()}, {"quantity", integer}, {"recovered", nullable(integer)}});
    const json notice = object_schema({{"buyer_id", text}, {"buyer_name", text}, {"buyer_name_en", text}, {"items", array_of(item)},
                                       {"orders", array_of(object_schema({{"id", text}, {"order_date", nullable(date_schema())}}))},
                                       {"acknowledged", {{"type", "boolean"}}}, {"acknowledged_at", nullable(date_time_schema())},
                                       {"acknowledged_by", nullable_text}, {"note", text}});
    router.add_schema(
        "Recall",
        object_schema({{"id", text}, {"lot_id", text}, {"lot_code", text}, {"product_name", text}, {"product_name_en", text},
                       {"quantity_unit", enum_of<trace::QuantityUnit>()}, {"producer_id", text}, {"producer_name", text},
                       {"producer_name_en", text}, {"county", nullable_text}, {"reason", text}, {"status", enum_of<trace::RecallStatus>()},
                       {"affected_lots", integer}, {"affected_pallets", integer}, {"affected_orders", integer}, {"buyers", integer},
                       {"buyers_acknowledged", integer}, {"opened_by", nullable_text}, {"opened_role", text},
                       {"opened_org", nullable_text},
                       {"opened_at", date_time_schema()}, {"closed_how", nullable(enum_of<trace::RecallClosedHow>())},
                       {"close_note", nullable_text}, {"closed_by", nullable_text}, {"closed_at", nullable(date_time_schema())},
                       {"notices", {{"type", "array"}, {"items", notice}, {"description", "a buyer reads its own notice only"}}}})
            .dump());
    router.add_schema("RecallPage", page_of("Recall").dump());
    router.add_schema("NewRecall", object_schema({"lot_id", "reason"},
                                                 {{"lot_id", text}, {"reason", string_schema(1, trace::recall_reason_chars_max)}}, true)
                                       .dump());
    router.add_schema(
        "RecallAcknowledgement",
        object_schema({"recovered"},
                      {{"recovered", array_of(object_schema({"lot_id", "quantity"},
                                                            {{"lot_id", text},
                                                             {"quantity", integer_schema(0, trace::lot_quantity_max, "recovered, in the lot's unit")}},
                                                            true))},
                       {"note", string_schema(0, trace::recall_note_chars_max)}},
                      true)
            .dump());
    router.add_schema("RecallClose", object_schema({"note"}, {{"note", string_schema(1, trace::recall_note_chars_max)}}, true).dump());
}

}  // namespace kl::http::recall_json
