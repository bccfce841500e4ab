#include <nlohmann/json.hpp>

#include "http/json_body.h"
#include "http/query.h"
#include "http/routes/fair_outcome_routes.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"

namespace kl::http {

// Its own namespace: the unity build compiles route files together, and their handlers' names repeat.
namespace fair_report_routes {

namespace {

using nlohmann::json;

json figure_json(const fair::FigureRow& f) {
    return {{"key", f.key},
            {"name_zh", f.name_zh},
            {"name_en", f.name_en},
            {"intent_orders", f.intent_orders},
            {"intended_fen", f.intended_fen},
            {"onsite_orders", f.onsite_orders},
            {"onsite_fen", f.onsite_fen}};
}

json figures_json(const std::vector<fair::FigureRow>& rows) {
    json out = json::array();
    for (const auto& row : rows) out.push_back(figure_json(row));
    return out;
}

json report_json(const fair::FairReport& r) {
    json weeks = json::array();
    for (const auto& w : r.conversion_by_week) {
        weeks.push_back({{"week_of", format_date(w.week_of)},
                         {"confirmed_orders", w.confirmed_orders},
                         {"confirmed_fen", w.confirmed_fen},
                         {"paid_orders", w.paid_orders},
                         {"paid_fen", w.paid_fen},
                         {"confirmed_orders_to_date", w.confirmed_orders_to_date},
                         {"confirmed_fen_to_date", w.confirmed_fen_to_date},
                         {"paid_orders_to_date", w.paid_orders_to_date},
                         {"paid_fen_to_date", w.paid_fen_to_date}});
    }
    return {{"event", {{"id", r.event_id}, {"name_zh", r.name_zh}, {"name_en", r.name_en}, {"kind", fair::to_string(r.kind)},
                       {"state", fair::to_string(r.state)}, {"starts_on", format_date(r.starts_on)}, {"ends_on", format_date(r.ends_on)}}},
            {"county", or_null(r.county)},
            {"participants", {{"exhibitors", r.exhibitors}, {"exhibitors_checked_in", r.exhibitors_checked_in},
                              {"buyers", r.buyers}, {"buyers_checked_in", r.buyers_checked_in}}},
            {"meetings", {{"scheduled", r.meetings_scheduled}, {"held", r.meetings_held}, {"follow_up", r.meetings_follow_up},
                          {"no_show", r.meetings_no_show}, {"unrecorded", r.meetings_unrecorded}}},
            {"total", figure_json(r.total)},
            {"conversion", {{"intents_open", r.intents_open}, {"intents_open_fen", r.intents_open_fen},
                            {"intents_confirmed", r.intents_confirmed}, {"intents_confirmed_fen", r.intents_confirmed_fen},
                            {"intents_paid", r.intents_paid}, {"intents_paid_fen", r.intents_paid_fen},
                            {"intents_cancelled", r.intents_cancelled}, {"intents_cancelled_fen", r.intents_cancelled_fen},
                            {"by_week", weeks}}},
            {"by_county", figures_json(r.by_county)},
            {"by_exhibitor", figures_json(r.by_exhibitor)},
            {"by_buyer_channel", figures_json(r.by_buyer_channel)},
            {"by_category", figures_json(r.by_category)}};
}

Response fair_report(fair::FairReporter& reports, Request& request) {
    QueryReader query(request);
    const auto format = read_file_format(query);
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto report = reports.report(actor_of(request), request.param("id"));
    if (!report) return error_response(report.error());
    if (format) return file_response(fair::fair_report_table(*report), *format, "fair-report-" + report->event_id);
    return json_response(200, report_json(*report));
}

void add_schemas(Router& router) {
    const json integer = integer_schema();
    const json text = string_schema();
    const json figure = object_schema({{"key", text}, {"name_zh", text}, {"name_en", text}, {"intent_orders", integer},
                                       {"intended_fen", integer}, {"onsite_orders", integer}, {"onsite_fen", integer}});
    router.add_schema("FairFigureRow", figure.dump());
    const json figures = array_of(ref_schema("FairFigureRow"));
    const json week = object_schema({{"week_of", date_schema()}, {"confirmed_orders", integer}, {"confirmed_fen", integer},
                                     {"paid_orders", integer}, {"paid_fen", integer}, {"confirmed_orders_to_date", integer},
                                     {"confirmed_fen_to_date", integer}, {"paid_orders_to_date", integer},
                                     {"paid_fen_to_date", integer}});
    router.add_schema(
        "FairReport",
        object_schema({{"event", object_schema({{"id", text}, {"name_zh", text}, {"name_en", text}, {"kind", enum_of<fair::EventKind>()},
                                                {"state", enum_of<fair::EventState>()}, {"starts_on", date_schema()},
                                                {"ends_on", date_schema()}})},
                       {"county", nullable(text)},
                       {"participants", object_schema({{"exhibitors", integer}, {"exhibitors_checked_in", integer},
                                                       {"buyers", integer}, {"buyers_checked_in", integer}})},
                       {"meetings", object_schema({{"scheduled", integer}, {"held", integer}, {"follow_up", integer},
                                                   {"no_show", integer}, {"unrecorded", integer}})},
                       {"total", ref_schema("FairFigureRow")},
                       {"conversion", object_schema({{"intents_open", integer}, {"intents_open_fen", integer},
                                                     {"intents_confirmed", integer}, {"intents_confirmed_fen", integer},
                                                     {"intents_paid", integer}, {"intents_paid_fen", integer},
                                                     {"intents_cancelled", integer}, {"intents_cancelled_fen", integer},
                                                     {"by_week", array_of(week)}})},
                       {"by_county", figures},
                       {"by_exhibitor", figures},
                       {"by_buyer_channel", figures},
                       {"by_category", figures}})
            .dump());
}

}  // namespace

void add(Router& router, fair::FairAtEvent& at_event) {
    add_schemas(router);
    auto& reports = at_event.reports;
    router.add(documented_route(
        Method::get, "/api/v1/reports/fairs/{id}", "fairs",
        "An event's report: participants, meetings scheduled/held/no-show, intended amount and on-site sales by county, "
        "exhibitor, buyer channel and category, conversion of intended orders into confirmed and paid orders by week "
        "(organisers, admin, fund officer, auditor; a county officer its county's exhibitors). format=csv|xlsx for a sheet",
        "", ref("FairReport"), 200, [&reports](Request& r) { return fair_report(reports, r); },
        {{"format", "json (default), csv or xlsx"}}));
}

}  // namespace fair_report_routes

void add_fair_report_routes(Router& router, fair::FairAtEvent& at_event) { fair_report_routes::add(router, at_event); }

}  // namespace kl::http
