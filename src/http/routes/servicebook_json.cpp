#include "http/routes/servicebook_json.h"

#include <nlohmann/json.hpp>

namespace kl::http::servicebook_json {

namespace {


}  // namespace

json enterprise_json(const servicebook::Enterprise& enterprise) {
    return {{"id", enterprise.id},           {"org_id", enterprise.org_id}, {"org_name", enterprise.org_name},
            {"county", enterprise.county},   {"officer", enterprise.officer}, {"leading", enterprise.leading},
            {"since_on", kl::format_date(enterprise.since_on)}};
}

json visit_json(const servicebook::Visit& visit) {
    return {{"id", visit.id}, {"enterprise_id", visit.enterprise_id}, {"county", visit.county},
            {"visited_on", kl::format_date(visit.visited_on)}, {"officer", visit.officer}, {"topics", visit.topics}};
}

json service_request_json(const servicebook::ServiceRequest& request) {
    return {{"id", request.id},           {"enterprise_id", request.enterprise_id},
            {"county", request.county},   {"subject", request.subject},
            {"raised_on", kl::format_date(request.raised_on)}, {"deadline", kl::format_date(request.deadline)},
            {"status", std::string(servicebook::to_string(request.status))},
            {"resolved_on", date_or_null(request.resolved_on)},
            {"enterprise_name", request.org_name}, {"enterprise_name_en", request.org_name_en}};
}

json investment_json(const servicebook::Investment& investment) {
    return {{"id", investment.id},         {"name", investment.name},
            {"county", investment.county}, {"investor", investment.investor},
            {"stage", std::string(servicebook::to_string(investment.stage))},
            {"amount_fen", investment.amount_fen}, {"listed_company", investment.listed_company},
            {"first_contact_on", kl::format_date(investment.first_contact_on)}};
}

json event_json(const servicebook::PromotionEvent& event) {
    return {{"id", event.id}, {"name", event.name}, {"county", or_null(event.county)},
            {"held_on", kl::format_date(event.held_on)}, {"city", event.city}, {"attendees", event.attendees}};
}

json counts_json(const servicebook::CountyCounts& counts) {
    return {{"county", counts.county},
            {"enterprises_served", counts.enterprises_served},
            {"leading_enterprises_visited", counts.leading_enterprises_visited},
            {"visits", counts.visits},
            {"requests_raised", counts.requests_raised},
            {"requests_open", counts.requests_open},
            {"requests_overdue", counts.requests_overdue},
            {"investments", counts.investments},
            {"investments_listed", counts.investments_listed},
            {"investments_signed_or_started", counts.investments_signed_or_started},
            {"investment_amount_fen", counts.investment_amount_fen},
            {"events", counts.events}};
}

void add_servicebook_schemas(Router& router) {
    router.add_schema("ServiceBookItem", object_schema({{"id", string_schema()}, {"county", string_schema()}}).dump());
    router.add_schema("ServiceBookPage", page_of("ServiceBookItem").dump());
    router.add_schema("ServiceBookCounts",
                      object_schema({{"from", date_schema()}, {"to", date_schema()}, {"items", {{"type", "array"}}}}).dump());
    const json text = string_schema();
    const json date = date_schema();
    const json stages = enum_of<servicebook::Stage>();
    const auto input = [](json properties, std::vector<std::string> required) {
        return object_schema(std::move(required), std::move(properties)).dump();
    };
    router.add_schema("ServiceEnterpriseInput",
                      input({{"org_id", text}, {"officer", text}, {"leading", {{"type", "boolean"}}}, {"since_on", date}},
                            {"org_id", "officer", "since_on"}));
    router.add_schema("ServiceVisitInput", input({{"enterprise_id", text}, {"visited_on", date}, {"officer", text}, {"topics", text}},
                                                 {"enterprise_id", "visited_on", "officer", "topics"}));
    router.add_schema("ServiceRequestInput", input({{"enterprise_id", text}, {"subject", text}, {"raised_on", date}, {"deadline", date}},
                                                   {"enterprise_id", "subject", "raised_on", "deadline"}));
    // A request is opened by recording it; the status route only moves it on.
    router.add_schema("ServiceRequestStatus",
                      input({{"status", enum_of({"in_progress", "resolved", "closed"})}, {"on", date}}, {"status"}));
    router.add_schema("InvestmentInput",
                      input({{"name", text}, {"county", text}, {"investor", text}, {"stage", stages}, {"amount_fen", integer_schema()},
                             {"listed_company", {{"type", "boolean"}}}, {"first_contact_on", date}},
                            {"name", "county", "investor", "amount_fen", "listed_company", "first_contact_on"}));
    router.add_schema("InvestmentStage", input({{"stage", stages}}, {"stage"}));
    router.add_schema("PromotionEventInput",
                      input({{"name", text}, {"county", text}, {"held_on", date}, {"city", text}, {"attendees", integer_schema()}},
                            {"name", "held_on", "city", "attendees"}));
}

}  // namespace kl::http::servicebook_json
