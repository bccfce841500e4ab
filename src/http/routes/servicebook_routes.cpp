#include "http/routes/servicebook_routes.h"

#include <nlohmann/json.hpp>

#include "http/json_body.h"
#include "http/query.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "http/routes/servicebook_json.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace servicebook_json;
namespace sb = kl::servicebook;

// An organisation or enterprise id (UUIDv7 text, with room) and a county code.
constexpr size_t id_chars_max = 64;
// The largest investment recorded: ¥1 trillion in fen, beyond any county's pipeline.
constexpr int64_t investment_fen_max = 100'000'000'000'000LL;
constexpr int64_t attendees_max = 1'000'000;

Response add_enterprise(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json& body, FieldReader& reader) {
        reader.allow_only({"org_id", "officer", "leading", "since_on"});
        const std::string org_id = reader.text("org_id", 1, id_chars_max);
        const std::string officer = reader.text("officer", 1, sb::text_chars_max);
        const bool leading = body.contains("leading") ? reader.boolean("leading") : false;
        const auto since = read_date(reader, "since_on").value_or(kl::Date{});
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(book.add_enterprise(request.principal, org_id, officer, leading, since), 201, enterprise_json);
    });
}

Response add_visit(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"enterprise_id", "visited_on", "officer", "topics"});
        const std::string enterprise = reader.text("enterprise_id", 1, id_chars_max);
        const auto visited = read_date(reader, "visited_on").value_or(kl::Date{});
        const std::string officer = reader.text("officer", 1, sb::text_chars_max);
        const std::string topics = reader.text("topics", 1, sb::topics_chars_max, TextKind::prose);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(book.add_visit(request.principal, enterprise, visited, officer, topics), 201, visit_json);
    });
}

Response add_request(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"enterprise_id", "subject", "raised_on", "deadline"});
        const std::string enterprise = reader.text("enterprise_id", 1, id_chars_max);
        const std::string subject = reader.text("subject", 1, sb::topics_chars_max);
        const auto raised = read_date(reader, "raised_on").value_or(kl::Date{});
        const auto deadline = read_date(reader, "deadline").value_or(kl::Date{});
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(book.add_request(request.principal, enterprise, subject, raised, deadline), 201, service_request_json);
    });
}

Response set_status(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"status", "on"});
        const auto status = read_enum<sb::RequestStatus>(reader, "status");
        const auto on = read_date(reader, "on", false);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(book.set_request_status(request.principal, request.param("id"), *status, on.value_or(book.today())), 200,
                     service_request_json);
    });
}

Response add_investment(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"name", "county", "investor", "stage", "amount_fen", "listed_company", "first_contact_on"});
        sb::Investment input;
        input.name = reader.text("name", 1, sb::text_chars_max);
        input.county = reader.text("county", 1, id_chars_max);
        input.investor = reader.text("investor", 1, sb::text_chars_max);
        if (auto stage = read_enum<sb::Stage>(reader, "stage", false)) input.stage = *stage;
        input.amount_fen = reader.integer("amount_fen", 0, investment_fen_max);
        input.listed_company = reader.boolean("listed_company");
        input.first_contact_on = read_date(reader, "first_contact_on").value_or(kl::Date{});
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(book.add_investment(request.principal, input), 201, investment_json);
    });
}

Response advance(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"stage"});
        const auto stage = read_enum<sb::Stage>(reader, "stage");
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(book.advance_investment(request.principal, request.param("id"), *stage), 200, investment_json);
    });
}

Response add_event(sb::ServiceBook& book, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"name", "county", "held_on", "city", "attendees"});
        sb::PromotionEvent input;
        input.name = reader.text("name", 1, sb::text_chars_max);
        input.county = reader.opt_text("county", id_chars_max);
        input.held_on = read_date(reader, "held_on").value_or(kl::Date{});
        input.city = reader.text("city", 1, sb::text_chars_max);
        input.attendees = reader.integer("attendees", 0, attendees_max);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(book.add_event(request.principal, input), 201, event_json);
    });
}

Response counts(sb::ServiceBook& book, const ExportNames& names, Request& request) {
    QueryReader query(request);
    const kl::Date today = book.today();
    const auto year_start = kl::parse_date(kl::format_date(today).substr(0, 4) + "-01-01", "from");
    const kl::Date from = query.parsed("from", kl::parse_date).value_or(*year_start);
    const kl::Date to = query.parsed("to", kl::parse_date).value_or(today);
    const auto format = read_file_format(query);
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto rows = book.counts(request.principal, from, to);
    if (!rows) return error_response(rows.error());
    if (format) {
        return file_response(sb::counts_table(*rows), *format,
                             "servicebook-counts-" + kl::format_date(from) + "-" + kl::format_date(to), names);
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
        QueryReader query(request);
        const auto county = query.text("county");
        sb::Page page{query.limit(), query.cursor()};
        if (auto done = query.finish(); !done) return error_response(done.error());
        std::optional<std::string> next;
        auto items = (book.*list)(request.principal, county, page, next);
        return page_reply(items, next, encode);
    };
}

// The requests: the county, a status, those due by a date, and the list window (q, from, to, sort).
Response list_requests(sb::ServiceBook& book, Request& request) {
    QueryReader query(request);
    const auto county = query.text("county");
    sb::RequestSearch search;
    search.status = query_enum<sb::RequestStatus>(query, "status");
    search.due_by = query.parsed("due_by", kl::parse_date);
    search.window = read_list_window(query);
    sb::Page page{query.limit(), query.cursor()};
    if (auto done = query.finish(); !done) return error_response(done.error());
    std::optional<std::string> next;
    return page_reply(book.find_requests(request.principal, county, search, page, next), next, service_request_json);
}

}  // namespace

void add_servicebook_routes(Router& router, servicebook::ServiceBook& book, const ExportNames& names) {
    servicebook_json::add_servicebook_schemas(router);
    const std::string tag = "servicebook";
    const std::string base = "/api/v1/servicebook/";
    const std::string item = ref("ServiceBookItem");
    const std::string page = ref("ServiceBookPage");
    const QueryDocs listing = with_page({{"county", "county code"}});
    router.add(documented_route(Method::get, base + "enterprises", tag, "Enterprises served", "", page, 200,
                                list_handler<sb::Enterprise>(book, &sb::ServiceBook::enterprises, enterprise_json), listing));
    router.add(documented_route(Method::post, base + "enterprises", tag, "Add an enterprise to the service book",
                                ref("ServiceEnterpriseInput"), item, 201,
                                [&book](Request& request) { return add_enterprise(book, request); }));
    router.add(documented_route(Method::get, base + "visits", tag, "Visits", "", page, 200,
                                list_handler<sb::Visit>(book, &sb::ServiceBook::visits, visit_json), listing));
    router.add(documented_route(Method::post, base + "visits", tag, "Record a visit", ref("ServiceVisitInput"), item, 201,
                                [&book](Request& request) { return add_visit(book, request); }));
    router.add(documented_route(Method::get, base + "requests", tag, "Service requests", "", page, 200,
                                [&book](Request& request) { return list_requests(book, request); },
                                [&listing] {
                                    QueryDocs params = listing;
                                    params.push_back({"status", "open, in_progress, resolved or closed"});
                                    params.push_back({"due_by", "YYYY-MM-DD: only requests still open or in progress "
                                                                "with the deadline on or before it (overdue ones included)"});
                                    for (auto& param : list_window_params("the subject, the enterprise's name or the id; "
                                                                          "from/to: the date raised")) {
                                        params.push_back(std::move(param));
                                    }
                                    return params;
                                }()));
    router.add(documented_route(Method::post, base + "requests", tag, "Record an enterprise's request with a deadline",
                                ref("ServiceRequestInput"), item, 201, [&book](Request& request) { return add_request(book, request); }));
    router.add(documented_route(Method::post, base + "requests/{id}/status", tag, "Move a request on (in_progress, resolved, closed)",
                                ref("ServiceRequestStatus"), item, 200, [&book](Request& request) { return set_status(book, request); }));
    router.add(documented_route(Method::get, base + "investments", tag, "The investment pipeline", "", page, 200,
                                list_handler<sb::Investment>(book, &sb::ServiceBook::investments, investment_json), listing));
    router.add(documented_route(Method::post, base + "investments", tag, "Add an investment project", ref("InvestmentInput"), item, 201,
                                [&book](Request& request) { return add_investment(book, request); }));
    router.add(documented_route(Method::post, base + "investments/{id}/stage", tag, "Move an investment one stage forward",
                                ref("InvestmentStage"), item, 200, [&book](Request& request) { return advance(book, request); }));
    router.add(documented_route(Method::get, base + "events", tag, "Investment-promotion events", "", page, 200,
                                list_handler<sb::PromotionEvent>(book, &sb::ServiceBook::events, event_json), listing));
    router.add(documented_route(Method::post, base + "events", tag, "Record a promotion event", ref("PromotionEventInput"), item, 201,
                                [&book](Request& request) { return add_event(book, request); }));
    router.add(documented_route(Method::get, base + "counts", tag, "Counts by county over a period", "",
                                ref("ServiceBookCounts"), 200,
                                [&book, names](Request& request) { return counts(book, names, request); },
                                {{"from", "YYYY-MM-DD (default 1 January)"},
                                 {"to", "YYYY-MM-DD (default today)"},
                                 {"format", "json (default), csv or xlsx"}}));
}

}  // namespace kl::http
