#include "http/routes/fair_outcome_routes.h"

#include <nlohmann/json.hpp>

#include "fair/fair_outcome_receipt.h"
#include "http/json_body.h"
#include "http/query.h"
#include "http/routes/fair_json.h"
#include "http/routes/order_json.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"

namespace kl::http {

// Its own namespace: the unity build compiles route files together, and their handlers' names repeat.
namespace fair_outcome_routes {

namespace {

using nlohmann::json;

constexpr size_t id_chars_max = 64;
constexpr size_t district_chars_max = 32;
constexpr size_t grade_chars_max = 32;

// ---- encoding --------------------------------------------------------------------------------------

json outcome_json(const fair::OutcomeRecord& r) {
    return {{"version", r.version},
            {"outcome", fair::to_string(r.outcome)},
            {"no_show_side", r.no_show_side ? json(fair::to_string(*r.no_show_side)) : json(nullptr)},
            {"note", r.note},
            {"recorded_by", or_null(r.recorded_by)},
            {"recorded_role", r.recorded_role},
            {"recorded_at", format_utc_iso8601(r.recorded_at_ms)}};
}

json meeting_outcomes_json(const fair::MeetingOutcomes& m) {
    json history = json::array();
    for (const auto& record : m.history) history.push_back(outcome_json(record));
    return {{"meeting", fair_json::stored_meeting_json(m.meeting)},
            {"version", m.history.empty() ? 0 : m.history.back().version},
            {"outcome", m.history.empty() ? json(nullptr) : outcome_json(m.history.back())},
            {"history", history}};
}

json fair_order_json(const fair::FairOrder& f) {
    return {{"order_id", f.order_id},
            {"event_id", f.event_id},
            {"kind", fair::to_string(f.kind)},
            {"meeting_id", or_null(f.meeting_id)},
            {"exhibitor_id", f.exhibitor_id},
            {"buyer_participant_id", or_null(f.buyer_participant_id)},
            {"seller_org_id", f.seller_org_id},
            {"buyer_org_id", f.buyer_org_id},
            {"walk_in", f.walk_in},
            {"created_at", format_utc_iso8601(f.created_at_ms)},
            {"order", order_json::order_json(f.order, {})}};
}

json receipt_json(const fair::Receipt& r) {
    json lines = json::array();
    for (const auto& l : r.lines) {
        lines.push_back({{"line_no", l.line_no}, {"product_name", l.product_name}, {"grade", l.grade}, {"quantity", l.quantity},
                         {"unit", kl::to_string(l.unit)}, {"unit_price_fen", l.unit_price_fen}, {"amount_fen", l.amount_fen}});
    }
    return {{"lang", r.lang},           {"order_id", r.order_id},       {"event_id", r.event_id},
            {"event_name", r.event_name}, {"venue", r.venue},           {"booth", r.booth},
            {"seller_name", r.seller_name}, {"buyer_name", r.buyer_name}, {"walk_in", r.walk_in},
            {"order_date", format_date(r.order_date)}, {"created_at", format_utc_iso8601(r.created_at_ms)},
            {"status", r.status},       {"lines", lines},               {"total_fen", r.total_fen}};
}

// ---- decoding --------------------------------------------------------------------------------------

// A create that moves goods or money takes an Idempotency-Key (DESIGN.md, API conventions); these
// refuse to run without one, so a retried sale can never become two orders.
std::optional<Response> missing_idempotency_key(const Request& request) {
    if (request.header("idempotency-key")) return std::nullopt;
    return problem(400, "Invalid request", "Recording an order needs an Idempotency-Key header (a retry then answers the first order)",
                   {FieldError{"Idempotency-Key", ProblemCode::required, "is required"}}, ProblemCode::invalid_request);
}

// The body of an intended order or an on-site sale; `onsite` also reads buyer_org_id.
Result<fair::SaleInput> decode_sale(const json& body, bool onsite) {
    FieldReader reader(body);
    std::vector<std::string> allowed = {"lines", "delivery_district", "delivery_date", "note"};
    if (onsite) allowed.push_back("buyer_org_id");
    reader.allow_only(allowed);
    fair::SaleInput input;
    input.delivery_district = reader.opt_text("delivery_district", district_chars_max);
    input.delivery_date = read_date(reader, "delivery_date", false);
    input.note = reader.opt_text("note", orders::note_chars_max, TextKind::prose).value_or("");
    if (onsite) input.buyer_org_id = reader.opt_text("buyer_org_id", id_chars_max);
    FieldErrors problems;
    problems.take(reader.finish());
    const json* lines = read_array(body, "lines", "", orders::order_lines_max, true, problems);
    if (lines != nullptr && lines->empty()) problems.add("lines", ProblemCode::required, "must hold at least one line");
    for (size_t i = 0; lines != nullptr && i < lines->size(); ++i) {
        const std::string path = "lines/" + std::to_string(i);
        if (!(*lines)[i].is_object()) {
            problems.add(path, ProblemCode::wrong_type, "must be an object");
            continue;
        }
        FieldReader item((*lines)[i], path + "/");
        item.allow_only({"product_id", "grade", "quantity", "unit_price_fen"});
        fair::SaleLine line;
        line.product_id = item.text("product_id", 1, id_chars_max);
        line.grade = item.opt_text("grade", grade_chars_max);
        line.quantity = item.integer("quantity", 1, orders::line_quantity_max);
        line.unit_price_fen = item.integer("unit_price_fen", 1, orders::unit_price_fen_max);
        problems.take(item.finish());
        input.lines.push_back(std::move(line));
    }
    KL_TRY(problems.finish());
    return input;
}

// ---- handlers --------------------------------------------------------------------------------------

const std::string& event_id(const Request& request) { return request.param("id"); }

Response record_outcome(fair::FairOutcomeService& service, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"outcome", "no_show_side", "note", "expected_version"});
        fair::OutcomeInput input;
        if (auto outcome = read_enum<fair::Outcome>(reader, "outcome")) input.outcome = *outcome;
        input.no_show_side = read_enum<fair::NoShowSide>(reader, "no_show_side", false);
        input.note = reader.opt_text("note", fair::outcome_note_chars_max, TextKind::prose).value_or("");
        input.expected_version = reader.opt_integer("expected_version", 0, INT64_MAX);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(service.record_outcome(actor_of(request), event_id(request), request.param("mid"), input), 200,
                     meeting_outcomes_json);
    });
}

Response record_intent(fair::FairOutcomeService& service, Request& request) {
    if (auto refused = missing_idempotency_key(request)) return std::move(*refused);
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    auto input = decode_sale(*body, false);
    if (!input) return error_response(input.error());
    auto made = service.record_intent(actor_of(request), event_id(request), request.param("mid"), *input);
    if (!made) return error_response(made.error());
    return created(fair_order_json(*made), "/api/v1/orders/" + made->order_id);
}

Response record_onsite_sale(fair::FairOutcomeService& service, Request& request) {
    if (auto refused = missing_idempotency_key(request)) return std::move(*refused);
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    auto input = decode_sale(*body, true);
    if (!input) return error_response(input.error());
    auto made = service.record_onsite_sale(actor_of(request), event_id(request), request.param("pid"), *input);
    if (!made) return error_response(made.error());
    return created(fair_order_json(*made), "/api/v1/orders/" + made->order_id);
}

Response list_orders(fair::FairOutcomeService& service, Request& request) {
    QueryReader query(request);
    fair::FairOrderFilter filter;
    filter.kind = query_enum<fair::FairOrderKind>(query, "kind");
    filter.meeting_id = query.text("meeting");
    filter.exhibitor_id = query.text("exhibitor");
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto page = service.list_orders(actor_of(request), event_id(request), filter, limit, cursor);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->items, page->next_cursor, fair_order_json));
}

Result<std::string> parse_lang(std::string_view text, const std::string& field) {
    if (text == "zh" || text == "en") return std::string(text);
    return fail_field(field, ProblemCode::not_one_of, "must be zh or en", {{"allowed", "zh, en"}});
}
Result<bool> parse_pdf_format(std::string_view text, const std::string& field) {
    if (text == "json") return false;
    if (text == "pdf") return true;
    return fail_field(field, ProblemCode::not_one_of, "must be json or pdf", {{"allowed", "json, pdf"}});
}

Response receipt(fair::FairOutcomeService& service, Request& request) {
    QueryReader query(request);
    const std::string lang = query.parsed("lang", parse_lang).value_or("zh");
    const bool pdf = query.parsed("format", parse_pdf_format).value_or(false);
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto found = service.receipt(actor_of(request), event_id(request), request.param("pid"), request.param("oid"), lang);
    if (!found) return error_response(found.error());
    if (!pdf) return json_response(200, receipt_json(*found));
    auto bytes = pdf::render(fair::receipt_document(*found));
    if (!bytes) return error_response(bytes.error());
    Response response;
    response.content_type = pdf::pdf_content_type;
    response.body = std::move(*bytes);
    response.with_header("Content-Disposition", "inline; filename=\"receipt-" + found->order_id + ".pdf\"");
    return response;
}

// ---- schemas ---------------------------------------------------------------------------------------

void add_schemas(Router& router) {
    const json text = string_schema();
    const json nullable_text = nullable(string_schema());
    const json integer = integer_schema();
    const json outcome = object_schema({{"version", integer},
                                        {"outcome", enum_of<fair::Outcome>()},
                                        {"no_show_side", nullable(enum_of<fair::NoShowSide>())},
                                        {"note", text},
                                        {"recorded_by", nullable_text},
                                        {"recorded_role", text},
                                        {"recorded_at", date_time_schema()}});
    router.add_schema("FairMeetingOutcome", outcome.dump());
    router.add_schema("FairMeetingOutcomes", object_schema({{"meeting", ref_schema("FairMeeting")},
                                                            {"version", integer},
                                                            {"outcome", nullable(ref_schema("FairMeetingOutcome"))},
                                                            {"history", array_of(ref_schema("FairMeetingOutcome"))}})
                                                 .dump());
    router.add_schema("FairOutcomeInput",
                      object_schema({"outcome"},
                                    {{"outcome", enum_of<fair::Outcome>()},
                                     {"no_show_side", enum_of<fair::NoShowSide>()},
                                     {"note", string_schema(0, fair::outcome_note_chars_max)},
                                     {"expected_version", integer_schema(0, INT64_MAX, "the version last seen: 409 if another was recorded since")}},
                                    true)
                          .dump());
    const json line = object_schema({"product_id", "quantity", "unit_price_fen"},
                                    {{"product_id", string_schema(1, id_chars_max)},
                                     {"grade", string_schema(1, grade_chars_max)},
                                     {"quantity", integer_schema(1, orders::line_quantity_max, "units of sale")},
                                     {"unit_price_fen", integer_schema(1, orders::unit_price_fen_max, "fen per unit of sale")}},
                                    true);
    json sale = {{"lines", {{"type", "array"}, {"minItems", 1}, {"maxItems", orders::order_lines_max}, {"items", line}}},
                 {"delivery_district", string_schema(1, district_chars_max)},
                 {"delivery_date", date_schema()},
                 {"note", string_schema(0, orders::note_chars_max)}};
    router.add_schema("FairIntentInput", object_schema({"lines"}, sale, true).dump());
    sale["buyer_org_id"] = string_schema(1, id_chars_max);
    router.add_schema("FairOnsiteSaleInput", object_schema({"lines"}, sale, true).dump());
    router.add_schema("FairOrder", object_schema({{"order_id", text},
                                                  {"event_id", text},
                                                  {"kind", enum_of<fair::FairOrderKind>()},
                                                  {"meeting_id", nullable_text},
                                                  {"exhibitor_id", text},
                                                  {"buyer_participant_id", nullable_text},
                                                  {"seller_org_id", text},
                                                  {"buyer_org_id", text},
                                                  {"walk_in", {{"type", "boolean"}}},
                                                  {"created_at", date_time_schema()},
                                                  {"order", ref_schema("Order")}})
                                       .dump());
    router.add_schema("FairOrderPage", page_of("FairOrder").dump());
    const json receipt_line = object_schema({{"line_no", integer}, {"product_name", text}, {"grade", text}, {"quantity", integer},
                                             {"unit", enum_of<catalog::UnitKind>()}, {"unit_price_fen", integer},
                                             {"amount_fen", integer}});
    router.add_schema("FairReceipt", object_schema({{"lang", enum_of({"zh", "en"})}, {"order_id", text}, {"event_id", text},
                                                    {"event_name", text}, {"venue", text}, {"booth", text}, {"seller_name", text},
                                                    {"buyer_name", text}, {"walk_in", {{"type", "boolean"}}},
                                                    {"order_date", date_schema()}, {"created_at", date_time_schema()},
                                                    {"status", text}, {"lines", array_of(receipt_line)}, {"total_fen", integer}})
                                         .dump());
}

Route event_route(Method method, const std::string& path, const std::string& summary, const std::string& input,
                  const std::string& output, int status, Handler handler, QueryDocs query = {}) {
    return documented_route(method, "/api/v1/fairs" + path, "fairs", summary, input, output, status, std::move(handler),
                            std::move(query));
}

}  // namespace

void add(Router& router, fair::FairAtEvent& at_event) {
    add_schemas(router);
    auto& s = at_event.outcomes;
    router.add(event_route(Method::put, "/{id}/meetings/{mid}/outcome",
                           "Record a published meeting's outcome: held, no_show (which side) or follow_up, with a note "
                           "(organisers; either side's organisation while live; organisers only once closed). A history: "
                           "each write is the next version, the last one counts; expected_version guards against overwriting",
                           ref("FairOutcomeInput"), ref("FairMeetingOutcomes"), 200, [&s](Request& r) { return record_outcome(s, r); }));
    router.add(event_route(Method::get, "/{id}/meetings/{mid}/outcome",
                           "A published meeting's outcome and its history (organisers, its two sides, programme-wide readers)", "",
                           ref("FairMeetingOutcomes"), 200, [&s](Request& r) {
                               return reply(s.outcomes(actor_of(r), event_id(r), r.param("mid")), 200, meeting_outcomes_json);
                           }));
    router.add(with_idempotency_key(event_route(
        Method::post, "/{id}/meetings/{mid}/intents",
        "Sign an intended order at a published meeting (Idempotency-Key required; organisers or either side's organisation): "
        "a fair_intent order from the meeting's exhibitor to its buyer, starting as intent. Grade defaults to the product's "
        "best, delivery_district to the buyer's, delivery_date to the meeting's day",
        ref("FairIntentInput"), ref("FairOrder"), 201, [&s](Request& r) { return record_intent(s, r); })));
    router.add(with_idempotency_key(event_route(
        Method::post, "/{id}/participants/{pid}/onsite-sales",
        "Record an on-site sale at an exhibitor's booth (Idempotency-Key required; the exhibitor's organisation or organisers): "
        "a confirmed fair_onsite order; without buyer_org_id the buyer is the shared walk-in customer and delivery_district "
        "(the venue's) is required",
        ref("FairOnsiteSaleInput"), ref("FairOrder"), 201, [&s](Request& r) { return record_onsite_sale(s, r); })));
    router.add(event_route(Method::get, "/{id}/orders",
                           "Intended orders and on-site sales made at the event, as the orders module has them now (organisers "
                           "and programme-wide readers: all; a county officer its county's exhibitors'; a producer or buyer "
                           "its organisation's)",
                           "", ref("FairOrderPage"), 200, [&s](Request& r) { return list_orders(s, r); },
                           with_page({{"kind", "intent or onsite"}, {"meeting", "a meeting id"}, {"exhibitor", "an exhibitor's participant id"}})));
    router.add(event_route(Method::get, "/{id}/participants/{pid}/onsite-sales/{oid}/receipt",
                           "An on-site sale's receipt: JSON, or format=pdf for a printable A4 page; lang=zh (default) or en",
                           "", ref("FairReceipt"), 200, [&s](Request& r) { return receipt(s, r); },
                           {{"format", "json (default) or pdf"}, {"lang", "zh (default) or en"}}));
}

}  // namespace fair_outcome_routes

void add_fair_outcome_routes(Router& router, fair::FairAtEvent& at_event) { fair_outcome_routes::add(router, at_event); }

}  // namespace kl::http
