#include "http/routes/order_json.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/json_body.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "orders/order_rules.h"

namespace kl::http::order_json {

namespace {

constexpr size_t order_id_chars_max = 64;


json line_json(const orders::OrderLine& line) {
    return {{"line_no", line.line_no},
            {"product_id", line.product_id},
            {"product_name", line.product_name},
            {"grade", line.grade},
            {"quantity", line.quantity},
            {"quantity_g", line.quantity_g},
            {"unit_price_fen", line.unit_price_fen},
            {"amount_fen", line.amount_fen},
            {"accepted_quantity", line.accepted_quantity ? json(*line.accepted_quantity) : json(nullptr)},
            {"quality_note", line.quality_note},
            {"aid_counted", line.aid_counted}};
}

json event_json(const orders::OrderEvent& event) {
    return {{"seq", event.seq},
            {"action", event.action},
            {"from", event.from ? json(std::string(orders::to_string(*event.from))) : json(nullptr)},
            {"to", std::string(orders::to_string(event.to))},
            {"actor_user_id", or_null(event.actor_user_id)},
            {"actor_role", event.actor_role},
            {"at", format_utc_iso8601(event.at_ms)},
            {"note", event.note}};
}

}  // namespace

json order_json(const orders::Order& order, const std::vector<orders::OrderAction>& actions) {
    json out = {{"id", order.id},
                {"buyer_id", order.buyer_id},
                {"buyer_name", order.buyer_name},
                {"buyer_name_en", order.buyer_name_en},
                {"seller_id", order.seller_id},
                {"seller_name", order.seller_name},
                {"seller_name_en", order.seller_name_en},
                {"channel", std::string(catalog::to_string(order.channel))},
                {"status", std::string(orders::to_string(order.status))},
                {"delivery_district", order.delivery_district},
                {"delivery_date", kl::format_date(order.delivery_date)},
                {"order_date", kl::format_date(order.order_date)},
                {"carrier_id", or_null(order.carrier_id)},
                {"invoice_no", or_null(order.invoice_no)},
                {"cancel_reason", or_null(order.cancel_reason)},
                {"source_kind", or_null(order.source_kind)},
                {"source_ref", or_null(order.source_ref)},
                {"platform", or_null(order.platform)},
                {"shop", or_null(order.shop)},
                {"platform_order_no", or_null(order.platform_order_no)},
                {"note", order.note},
                {"total_fen", order.total_fen},
                {"accepted_fen", order.accepted_fen},
                {"created_at", format_utc_iso8601(order.created_at_ms)},
                {"updated_at", format_utc_iso8601(order.updated_at_ms)},
                {"lines", json::array()},
                {"events", json::array()},
                {"allowed_actions", json::array()}};
    for (const auto& line : order.lines) out["lines"].push_back(line_json(line));
    for (const auto& event : order.events) out["events"].push_back(event_json(event));
    for (const auto action : actions) out["allowed_actions"].push_back(std::string(orders::to_string(action)));
    return out;
}

json aid_sales_json(const orders::AidSalesReport& report) {
    json groups = json::array();
    for (const auto group : report.query.group_by) groups.push_back(std::string(orders::to_string(group)));
    json rows = json::array();
    for (const auto& row : report.rows) {
        json keys = json::object();
        json labels = json::object();
        for (size_t i = 0; i < report.query.group_by.size(); ++i) {
            const std::string name(orders::to_string(report.query.group_by[i]));
            keys[name] = row.keys[i];
            labels[name] = row.labels[i];
        }
        rows.push_back({{"keys", keys}, {"labels", labels}, {"amount_fen", row.amount_fen},
                        {"quantity_g", row.quantity_g}, {"lines", row.lines}});
    }
    return {{"group_by", groups},
            {"from", kl::format_date(report.query.from)},
            {"to", kl::format_date(report.query.to)},
            {"rows", rows},
            {"totals", {{"amount_fen", report.amount_fen}, {"quantity_g", report.quantity_g}, {"lines", report.lines}}}};
}

json quota_report_json(const orders::QuotaReport& report) {
    json units = json::array();
    for (const auto& unit : report.units) {
        units.push_back({{"buyer_id", unit.quota.buyer_id},
                         {"buyer_name", unit.buyer_name},
                         {"district", unit.district},
                         {"year", unit.quota.year},
                         {"canteen_budget_fen", unit.quota.canteen_budget_fen},
                         {"reserved_share_bp", unit.quota.reserved_share_bp},
                         {"no_canteen", unit.quota.no_canteen},
                         {"reserved_fen", unit.reserved_fen},
                         {"purchased_fen", unit.purchased_fen},
                         {"completion_bp", unit.completion_bp},
                         {"completion_pct", orders::percent_text(unit.completion_bp)}});
    }
    json districts = json::array();
    for (const auto& district : report.districts) {
        districts.push_back({{"district", district.district},
                             {"district_name", district.district_name},
                             {"target_fen", district.target_fen ? json(*district.target_fen) : json(nullptr)},
                             {"reserved_fen", district.reserved_fen},
                             {"purchased_fen", district.purchased_fen},
                             {"completion_bp", district.completion_bp},
                             {"completion_pct", orders::percent_text(district.completion_bp)}});
    }
    return {{"year", report.year}, {"units", units}, {"districts", districts}};
}

Result<orders::NewOrder> decode_new_order(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"buyer_id", "seller_id", "channel", "lines", "delivery_district", "delivery_date", "order_date", "note"});
    orders::NewOrder order;
    order.buyer_id = reader.text("buyer_id", 1, order_id_chars_max);
    order.seller_id = reader.text("seller_id", 1, order_id_chars_max);
    const std::string channel = reader.text("channel", 1, 32);
    if (!channel.empty()) {
        auto parsed = parse_enum<catalog::SalesChannel>(channel, "channel");
        if (parsed) order.channel = *parsed;
        else reader.add_error("channel", parsed.error().fields.at(0));
    }
    order.delivery_district = reader.text("delivery_district", 1, 32);
    if (auto date = read_date(reader, "delivery_date", true)) order.delivery_date = *date;
    order.order_date = read_date(reader, "order_date", false);
    order.note = reader.opt_text("note", orders::note_chars_max, TextKind::prose).value_or("");
    FieldErrors problems;
    problems.take(reader.finish());
    const json* lines = read_array(body, "lines", "", orders::order_lines_max, false, problems);
    if (lines == nullptr && body.contains("lines") == false) problems.add("lines", ProblemCode::required, "is required");
    if (lines != nullptr) {
        for (size_t i = 0; i < lines->size(); ++i) {
            const std::string path = "lines/" + std::to_string(i) + "/";
            if (!(*lines)[i].is_object()) {
                problems.add("lines/" + std::to_string(i), ProblemCode::wrong_type, "must be an object");
                continue;
            }
            FieldReader item((*lines)[i], path);
            item.allow_only({"product_id", "grade", "quantity", "unit_price_fen"});
            orders::NewOrderLine line;
            line.product_id = item.text("product_id", 1, order_id_chars_max);
            line.grade = item.text("grade", 1, 32);
            // Ranges are the service's rule (it names the field); here only "a JSON integer".
            line.quantity = item.integer("quantity", INT64_MIN, INT64_MAX);
            line.unit_price_fen = item.integer("unit_price_fen", INT64_MIN, INT64_MAX);
            problems.take(item.finish());
            order.lines.push_back(std::move(line));
        }
    }
    KL_TRY(problems.finish());
    return order;
}

namespace {
// ship: lines/<i> = {line_no, lots: [{lot_id, quantity}]}.
orders::LineLots decode_line_lots(const json& item_body, const std::string& path, FieldErrors& problems) {
    FieldReader item(item_body, path);
    item.allow_only({"line_no", "lots"});
    orders::LineLots line;
    line.line_no = item.integer("line_no", INT64_MIN, INT64_MAX);
    problems.take(item.finish());
    if (const json* lots = read_array(item_body, "lots", path, orders::line_lots_max, true, problems)) {
        for (size_t j = 0; j < lots->size(); ++j) {
            const std::string lot_path = path + "lots/" + std::to_string(j);
            if (!(*lots)[j].is_object()) {
                problems.add(lot_path, ProblemCode::wrong_type, "must be an object");
                continue;
            }
            FieldReader share((*lots)[j], lot_path + "/");
            share.allow_only({"lot_id", "quantity"});
            orders::LotShare lot;
            lot.lot_id = share.text("lot_id", 1, order_id_chars_max);
            lot.quantity = share.integer("quantity", 1, orders::line_quantity_max);
            problems.take(share.finish());
            line.lots.push_back(std::move(lot));
        }
    }
    return line;
}
}  // namespace

Result<orders::TransitionInput> decode_transition(const json& body, orders::OrderAction action) {
    FieldReader reader(body);
    reader.allow_only({"reason", "carrier_id", "lines", "payment_ref", "note"});
    orders::TransitionInput input;
    input.reason = reader.opt_text("reason", orders::reason_chars_max, TextKind::prose).value_or("");
    input.carrier_id = reader.opt_text("carrier_id", order_id_chars_max);
    input.payment_ref = reader.opt_text("payment_ref", orders::reference_chars_max);
    input.note = reader.opt_text("note", orders::note_chars_max, TextKind::prose).value_or("");
    FieldErrors problems;
    problems.take(reader.finish());
    if (const json* lines = read_array(body, "lines", "", orders::order_lines_max, false, problems)) {
        for (size_t i = 0; i < lines->size(); ++i) {
            if (!(*lines)[i].is_object()) {
                problems.add("lines/" + std::to_string(i), ProblemCode::wrong_type, "must be an object");
                continue;
            }
            if (action == orders::OrderAction::ship) {
                input.line_lots.push_back(decode_line_lots((*lines)[i], "lines/" + std::to_string(i) + "/", problems));
                continue;
            }
            FieldReader item((*lines)[i], "lines/" + std::to_string(i) + "/");
            item.allow_only({"line_no", "accepted_quantity", "quality_note"});
            orders::LineAcceptance line;
            line.line_no = item.integer("line_no", INT64_MIN, INT64_MAX);
            line.accepted_quantity = item.integer("accepted_quantity", INT64_MIN, INT64_MAX);
            line.quality_note = item.opt_text("quality_note", orders::quality_note_chars_max, TextKind::prose).value_or("");
            problems.take(item.finish());
            input.lines.push_back(std::move(line));
        }
    }
    KL_TRY(problems.finish());
    return input;
}

Result<std::string> decode_invoice(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"invoice_no"});
    std::string invoice = reader.text("invoice_no", 1, orders::invoice_no_chars_max);
    KL_TRY(reader.finish());
    return invoice;
}

Result<QuotaPut> decode_quota(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"canteen_budget_fen", "reserved_share_bp", "no_canteen"});
    QuotaPut put;
    orders::BudgetQuota& quota = put.quota;
    quota.canteen_budget_fen = reader.integer("canteen_budget_fen", 0, orders::budget_fen_max);
    if (auto share = reader.opt_integer("reserved_share_bp", 0, 10'000)) quota.reserved_share_bp = *share;
    if (is_given(body, "no_canteen")) quota.no_canteen = reader.boolean("no_canteen");
    // Left out: a new quota takes the defaults, an existing one keeps its value.
    put.given.reserved_share_bp = is_given(body, "reserved_share_bp");
    put.given.no_canteen = is_given(body, "no_canteen");
    KL_TRY(reader.finish());
    return put;
}

Result<int64_t> decode_target(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"target_fen"});
    const int64_t target = reader.integer("target_fen", 0, orders::budget_fen_max);
    KL_TRY(reader.finish());
    return target;
}

namespace {

// What a client sends: a new order with its lines, a transition, an invoice number.
void add_order_input_schemas(Router& router) {
    const json text = string_schema();
    router.add_schema("NewOrderLine",
                      object_schema({"product_id", "grade", "quantity", "unit_price_fen"},
                                    {{"product_id", text},
                                     {"grade", text},
                                     {"quantity", {{"type", "integer"}, {"minimum", 1}, {"description", "units of sale"}}},
                                     {"unit_price_fen", {{"type", "integer"}, {"minimum", 1}, {"description", "fen per unit of sale"}}}})
                          .dump());
    router.add_schema("NewOrder", object_schema({"buyer_id", "seller_id", "channel", "lines", "delivery_district", "delivery_date"},
                                                {{"buyer_id", text},
                                                 {"seller_id", text},
                                                 {"channel", enum_of(catalog::all_sales_channels())},
                                                 {"lines", array_of(ref_schema("NewOrderLine"))},
                                                 {"delivery_district", text},
                                                 {"delivery_date", date_schema()},
                                                 {"order_date", date_schema()},
                                                 {"note", text}})
                                      .dump());
    json accepted_lines = array_of(object_schema({"line_no", "accepted_quantity"},
                                                 {{"line_no", integer_schema()}, {"accepted_quantity", integer_schema()}, {"quality_note", text}}));
    accepted_lines["description"] = "accept: lines not named are accepted in full";
    json lot_lines = array_of(object_schema({"line_no", "lots"},
                                            {{"line_no", integer_schema()},
                                             {"lots", array_of(object_schema({"lot_id", "quantity"},
                                                                             {{"lot_id", text},
                                                                              {"quantity", {{"type", "integer"}, {"minimum", 1},
                                                                                            {"description", "units of sale"}}}}))}}));
    lot_lines["description"] = "ship: the lots that fill each line (quantities adding up to the line's); a line may ship "
                               "without lots only while its seller records no lots of its product";
    json lines_schema = {{"oneOf", json::array({accepted_lines, lot_lines})},
                         {"description", "accept: acceptances per line; ship: the lots of each line"}};
    router.add_schema("OrderTransition", object_schema({{"reason", {{"type", "string"}, {"description", "cancel: required"}}},
                                                        {"carrier_id", {{"type", "string"}, {"description", "ship: the logistics firm"}}},
                                                        {"payment_ref", text},
                                                        {"note", text},
                                                        {"lines", lines_schema}})
                                             .dump());
    router.add_schema("OrderInvoice", object_schema({"invoice_no"}, {{"invoice_no", text}}).dump());
}

// An order as the routes answer it, with its lines, timeline and the actions the caller may take.
void add_order_output_schemas(Router& router) {
    const json integer = integer_schema();
    const json text = string_schema();
    const json nullable_text = nullable(string_schema());
    const json status = enum_of(orders::all_order_statuses());
    const json line = object_schema({{"line_no", integer}, {"product_id", text}, {"product_name", text}, {"grade", text},
                                     {"quantity", integer}, {"quantity_g", integer}, {"unit_price_fen", integer},
                                     {"amount_fen", integer}, {"accepted_quantity", nullable(integer_schema())},
                                     {"quality_note", text}, {"aid_counted", {{"type", "boolean"}}}});
    const json event = object_schema({{"seq", integer}, {"action", text}, {"from", nullable_text}, {"to", status},
                                      {"actor_user_id", nullable_text}, {"actor_role", text}, {"at", date_time_schema()},
                                      {"note", text}});
    router.add_schema("Order", object_schema({{"id", text}, {"buyer_id", text}, {"buyer_name", text}, {"buyer_name_en", text},
                                              {"seller_id", text}, {"seller_name", text}, {"seller_name_en", text}, {"channel", enum_of(catalog::all_sales_channels())},
                                              {"status", status}, {"delivery_district", text}, {"delivery_date", date_schema()},
                                              {"order_date", date_schema()}, {"carrier_id", nullable_text},
                                              {"invoice_no", nullable_text}, {"cancel_reason", nullable_text},
                                              {"source_kind", nullable_text}, {"source_ref", nullable_text},
                                              {"platform", nullable_text}, {"shop", nullable_text},
                                              {"platform_order_no", nullable_text}, {"note", text}, {"total_fen", integer},
                                              {"accepted_fen", integer}, {"created_at", text}, {"updated_at", text},
                                              {"lines", array_of(line)}, {"events", array_of(event)},
                                              {"allowed_actions", array_of(enum_of(orders::all_order_actions()))}})
                                   .dump());
    router.add_schema("OrderPage", page_of("Order").dump());
}

// Imports, quotas, targets and the aid-sales and quota reports.
void add_order_report_schemas(Router& router) {
    const json integer = integer_schema();
    router.add_schema("OnlineImportReport", object_schema({{"rows", integer}, {"created", integer}, {"unchanged", integer}}).dump());
    router.add_schema("Quota", object_schema({"canteen_budget_fen"},
                                             {{"canteen_budget_fen", integer},
                                              {"reserved_share_bp", {{"type", "integer"}, {"default", 1000}}},
                                              {"no_canteen", {{"type", "boolean"}}}})
                                   .dump());
    router.add_schema("DistrictTarget", object_schema({"target_fen"}, {{"target_fen", integer}}).dump());
    const json row = object_schema({{"keys", {{"type", "object"}}}, {"labels", {{"type", "object"}}}, {"amount_fen", integer},
                                    {"quantity_g", integer}, {"lines", integer}});
    router.add_schema("AidSalesReport", object_schema({{"group_by", array_of(string_schema())}, {"from", date_schema()},
                                                       {"to", date_schema()}, {"rows", array_of(row)},
                                                       {"totals", {{"type", "object"}}}})
                                            .dump());
    router.add_schema("QuotaReport", object_schema({{"year", integer},
                                                    {"units", array_of({{"type", "object"}})},
                                                    {"districts", array_of({{"type", "object"}})}})
                                         .dump());
}

}  // namespace

void add_order_schemas(Router& router) {
    add_order_input_schemas(router);
    add_order_output_schemas(router);
    add_order_report_schemas(router);
}

}  // namespace kl::http::order_json
