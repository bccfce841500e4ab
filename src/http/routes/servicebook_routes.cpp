// Routes of the Chief Service Officer book (listed in projects_routes.h).
#include <nlohmann/json.hpp>

#include "http/json_body.h"
#include "http/routes/projects_json.h"
#include "http/routes/projects_query.h"
#include "http/routes/projects_routes.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace projects_json;
namespace sb = kl::servicebook;

using Lister = std::function<Response(sb::ServiceBook&, const std::optional<access::Principal>&,
                                      const std::optional<std::string>&, const sb::Page&)>;

template <typename T>
Response servicebook_page_of(const Result<std::vector<T>>& items, const std::optional<std::string>& next, json (*encode)(const T&)) {
    if (!items) return error_response(items.error());
    json out = {{"items", json::array()}, {"next_cursor", next ? json(*next) : json(nullptr)}};
    for (const auto& item : *items) out["items"].push_back(encode(item));
    return json_response(200, out);
}

template <typename T>
Response servicebook_created(const Result<T>& made, json (*encode)(const T&)) {
    if (!made) return error_response(made.error());
    return json_response(201, encode(*made));
}

// Runs `handle` with the parsed body, or answers the problem.
template <typename Handle>
Response with_body(const Request& request, Handle handle) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    return handle(*body, reader);
}

Response add_enterprise(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json& body, FieldReader& reader) {
        reader.allow_only({"org_id", "officer", "leading", "since_on"});
        const std::string org_id = reader.text("org_id", 1, 64);
        const std::string officer = reader.text("officer", 1, sb::text_chars_max);
        const bool leading = body.contains("leading") ? reader.boolean("leading") : false;
        const auto since = read_date(reader, body, "since_on");
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return servicebook_created(book.add_enterprise(request.principal, org_id, officer, leading, since), enterprise_json);
    });
}

Response add_visit(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json& body, FieldReader& reader) {
        reader.allow_only({"enterprise_id", "visited_on", "officer", "topics"});
        const std::string enterprise = reader.text("enterprise_id", 1, 64);
        const auto visited = read_date(reader, body, "visited_on");
        const std::string officer = reader.text("officer", 1, sb::text_chars_max);
        const std::string topics = reader.text("topics", 1, sb::topics_chars_max, TextKind::prose);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return servicebook_created(book.add_visit(request.principal, enterprise, visited, officer, topics), visit_json);
    });
}

Response add_request(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json& body, FieldReader& reader) {
        reader.allow_only({"enterprise_id", "subject", "raised_on", "deadline"});
        const std::string enterprise = reader.text("enterprise_id", 1, 64);
        const std::string subject = reader.text("subject", 1, sb::topics_chars_max);
        const auto raised = read_date(reader, body, "raised_on");
        const auto deadline = read_date(reader, body, "deadline");
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return servicebook_created(book.add_request(request.principal, enterprise, subject, raised, deadline), service_request_json);
    });
}

Response set_status(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json& body, FieldReader& reader) {
        reader.allow_only({"status", "on"});
        const std::string text = reader.text("status", 1, 32);
        const auto on = read_opt_date(reader, body, "on");
        auto status = sb::parse_request_status(text, "status");
        if (!text.empty() && !status) reader.add_error("status", status.error().fields.at(0).message);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        auto updated = book.set_request_status(request.principal, request.param("id"), *status, on.value_or(book.today()));
        if (!updated) return error_response(updated.error());
        return json_response(200, service_request_json(*updated));
    });
}

Response add_investment(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json& body, FieldReader& reader) {
        reader.allow_only({"name", "county", "investor", "stage", "amount_fen", "listed_company", "first_contact_on"});
        sb::Investment input;
        input.name = reader.text("name", 1, sb::text_chars_max);
        input.county = reader.text("county", 1, 64);
        input.investor = reader.text("investor", 1, sb::text_chars_max);
        if (auto stage_text = reader.opt_text("stage", 32)) {
            auto stage = sb::parse_stage(*stage_text, "stage");
            if (stage) input.stage = *stage;
            else reader.add_error("stage", stage.error().fields.at(0).message);
        }
        input.amount_fen = reader.integer("amount_fen", 0, 100'000'000'000'000LL);
        input.listed_company = reader.boolean("listed_company");
        input.first_contact_on = read_date(reader, body, "first_contact_on");
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return servicebook_created(book.add_investment(request.principal, input), investment_json);
    });
}

Response advance(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"stage"});
        const std::string text = reader.text("stage", 1, 32);
        auto stage = sb::parse_stage(text, "stage");
        if (!text.empty() && !stage) reader.add_error("stage", stage.error().fields.at(0).message);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        auto moved = book.advance_investment(request.principal, request.param("id"), *stage);
        if (!moved) return error_response(moved.error());
        return json_response(200, investment_json(*moved));
    });
}

Response add_event(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json& body, FieldReader& reader) {
        reader.allow_only({"name", "county", "held_on", "city", "attendees"});
        sb::PromotionEvent input;
        input.name = reader.text("name", 1, sb::text_chars_max);
        input.county = reader.opt_text("county", 64);
        input.held_on = read_date(reader, body, "held_on");
        input.city = reader.text("city", 1, sb::text_chars_max);
        input.attendees = reader.integer("attendees", 0, 1'000'000);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return servicebook_created(book.add_event(request.principal, input), event_json);
    });
}

Response counts(sb::ServiceBook& book, Request& request) {
    Query query(request);
    const kl::Date today = book.today();
    const auto year_start = kl::parse_date(kl::format_date(today).substr(0, 4) + "-01-01", "from");
    const kl::Date from = query.date("from").value_or(*year_start);
    const kl::Date to = query.date("to").value_or(today);
    const auto format = query.file_format();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto rows = book.counts(request.principal, from, to);
    if (!rows) return error_response(rows.error());
    if (format) {
        return file_response(sb::counts_table(*rows), *format,
                             "servicebook-counts-" + kl::format_date(from) + "-" + kl::format_date(to));
    }
    json out = {{"from", kl::format_date(from)}, {"to", kl::format_date(to)}, {"items", json::array()}};
    for (const auto& row : *rows) out["items"].push_back(counts_json(row));
    return json_response(200, out);
}

template <typename T>
Handler list_handler(sb::ServiceBook& book,
                     Result<std::vector<T>> (sb::ServiceBook::*list)(const std::optional<access::Principal>&,
                                                                      const std::optional<std::string>&, const sb::Page&,
                                                                      std::optional<std::string>&),
                     json (*encode)(const T&)) {
    return [&book, list, encode](Request& request) {
        Query query(request);
        const auto county = query.text("county");
        sb::Page page{query.limit(), query.cursor()};
        if (auto done = query.finish(); !done) return error_response(done.error());
        std::optional<std::string> next;
        auto items = (book.*list)(request.principal, county, page, next);
        return servicebook_page_of(items, next, encode);
    };
}

// `input`: the name of the request schema (add_servicebook_input_schemas), empty for no body.
void add(Router& router, Method method, std::string pattern, std::string summary, const std::string& input, int status,
         Handler handler, std::vector<std::pair<std::string, std::string>> query = {}) {
    Route route;
    route.method = method;
    route.pattern = std::move(pattern);
    route.doc.summary = std::move(summary);
    route.doc.tag = "servicebook";
    route.doc.request_schema = input.empty() ? "" : json{{"$ref", "#/components/schemas/" + input}}.dump();
    route.doc.response_schema = method == Method::get && query.size() > 1 ? R"({"$ref":"#/components/schemas/ServiceBookPage"})"
                                                                          : R"({"$ref":"#/components/schemas/ServiceBookItem"})";
    route.doc.success_status = status;
    route.doc.query_params = std::move(query);
    route.handler = std::move(handler);
    router.add(std::move(route));
}

}  // namespace

namespace {
// The request bodies of the service-book writes: exactly the fields their handlers above read.
void add_servicebook_input_schemas(Router& router) {
    const json text = {{"type", "string"}};
    const json date = {{"type", "string"}, {"format", "date"}};
    const auto object = [](json properties, std::vector<std::string> required) {
        return json{{"type", "object"}, {"properties", std::move(properties)}, {"required", std::move(required)}}.dump();
    };
    json stages = json::array();
    for (const char* stage : {"lead", "negotiating", "signed", "started"}) stages.push_back(stage);
    router.add_schema("ServiceEnterpriseInput",
                      object({{"org_id", text}, {"officer", text}, {"leading", {{"type", "boolean"}}}, {"since_on", date}},
                             {"org_id", "officer", "since_on"}));
    router.add_schema("ServiceVisitInput", object({{"enterprise_id", text}, {"visited_on", date}, {"officer", text}, {"topics", text}},
                                                  {"enterprise_id", "visited_on", "officer", "topics"}));
    router.add_schema("ServiceRequestInput", object({{"enterprise_id", text}, {"subject", text}, {"raised_on", date}, {"deadline", date}},
                                                    {"enterprise_id", "subject", "raised_on", "deadline"}));
    router.add_schema("ServiceRequestStatus",
                      object({{"status", {{"type", "string"}, {"enum", {"in_progress", "resolved", "closed"}}}}, {"on", date}},
                             {"status"}));
    router.add_schema("InvestmentInput",
                      object({{"name", text}, {"county", text}, {"investor", text}, {"stage", {{"type", "string"}, {"enum", stages}}},
                              {"amount_fen", {{"type", "integer"}, {"format", "int64"}}},
                              {"listed_company", {{"type", "boolean"}}}, {"first_contact_on", date}},
                             {"name", "county", "investor", "amount_fen", "listed_company", "first_contact_on"}));
    router.add_schema("InvestmentStage", object({{"stage", {{"type", "string"}, {"enum", stages}}}}, {"stage"}));
    router.add_schema("PromotionEventInput",
                      object({{"name", text}, {"county", text}, {"held_on", date}, {"city", text},
                              {"attendees", {{"type", "integer"}, {"format", "int64"}}}},
                             {"name", "held_on", "city", "attendees"}));
}
}  // namespace

void add_servicebook_routes(Router& router, servicebook::ServiceBook& book) {
    add_servicebook_input_schemas(router);
    const std::vector<std::pair<std::string, std::string>> listing = {
        {"county", "county code"}, {"limit", "page size, 1 to 200 (default 50)"}, {"cursor", "next_cursor of the previous page"}};
    const std::string base = "/api/v1/servicebook/";
    add(router, Method::get, base + "enterprises", "Enterprises served", "", 200,
        list_handler<sb::Enterprise>(book, &sb::ServiceBook::enterprises, enterprise_json), listing);
    add(router, Method::post, base + "enterprises", "Add an enterprise to the service book", "ServiceEnterpriseInput", 201,
        [&book](Request& request) { return add_enterprise(book, request); });
    add(router, Method::get, base + "visits", "Visits", "", 200,
        list_handler<sb::Visit>(book, &sb::ServiceBook::visits, visit_json), listing);
    add(router, Method::post, base + "visits", "Record a visit", "ServiceVisitInput", 201,
        [&book](Request& request) { return add_visit(book, request); });
    add(router, Method::get, base + "requests", "Service requests", "", 200,
        list_handler<sb::ServiceRequest>(book, &sb::ServiceBook::requests, service_request_json), listing);
    add(router, Method::post, base + "requests", "Record an enterprise's request with a deadline", "ServiceRequestInput", 201,
        [&book](Request& request) { return add_request(book, request); });
    add(router, Method::post, base + "requests/{id}/status", "Move a request on (in_progress, resolved, closed)", "ServiceRequestStatus", 200,
        [&book](Request& request) { return set_status(book, request); });
    add(router, Method::get, base + "investments", "The investment pipeline", "", 200,
        list_handler<sb::Investment>(book, &sb::ServiceBook::investments, investment_json), listing);
    add(router, Method::post, base + "investments", "Add an investment project", "InvestmentInput", 201,
        [&book](Request& request) { return add_investment(book, request); });
    add(router, Method::post, base + "investments/{id}/stage", "Move an investment one stage forward", "InvestmentStage", 200,
        [&book](Request& request) { return advance(book, request); });
    add(router, Method::get, base + "events", "Investment-promotion events", "", 200,
        list_handler<sb::PromotionEvent>(book, &sb::ServiceBook::events, event_json), listing);
    add(router, Method::post, base + "events", "Record a promotion event", "PromotionEventInput", 201,
        [&book](Request& request) { return add_event(book, request); });
    add(router, Method::get, base + "counts", "Counts by county over a period", "", 200,
        [&book](Request& request) { return counts(book, request); },
        {{"from", "YYYY-MM-DD (default 1 January)"},
         {"to", "YYYY-MM-DD (default today)"},
         {"format", "json (default), csv or xlsx"}});
}

}  // namespace kl::http
