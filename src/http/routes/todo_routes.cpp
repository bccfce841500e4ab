#include "http/routes/todo_routes.h"

#include <nlohmann/json.hpp>

#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"

namespace kl::http {

namespace {

using nlohmann::json;

// The kinds of work, as core/work_item.h's modules name them (the console has a text for each).
const std::vector<std::string> work_kinds = {
    "proposals_to_decide", "orders_to_confirm",   "orders_to_ship",          "orders_to_deliver",
    "orders_to_accept",    "orders_to_invoice",   "orders_to_pay",           "payments_to_approve",
    "payments_to_pay",     "risk_flags_open",     "projects_to_move",        "certifications_in_notice",
    "service_requests_due", "fair_preferences_to_rate", "fair_agenda_published", "fair_outcomes_to_record",
    "recalls_to_acknowledge", "backups_overdue"};

json item_json(const WorkItem& item) {
    return {{"id", item.id},           {"label", item.label},         {"label_en", item.label_en},
            {"party", item.party},     {"party_en", item.party_en},   {"amount_fen", or_null(item.amount_fen)},
            {"due_on", date_or_null(item.due_on)}, {"tag", item.tag}, {"code", item.code}, {"route", item.route}};
}

json todo_json(const todo::Todo& todo) {
    json queues = json::array();
    for (const auto& queue : todo.queues) {
        json items = json::array();
        for (const auto& item : queue.items) items.push_back(item_json(item));
        queues.push_back({{"kind", queue.kind}, {"count", queue.count}, {"route", queue.route}, {"items", std::move(items)}});
    }
    return {{"today", kl::format_date(todo.today)}, {"items_per_kind_max", work_items_per_kind_max}, {"queues", std::move(queues)}};
}

void add_todo_schemas(Router& router) {
    router.add_schema("WorkItem", object_schema(
        {"id", "label", "label_en", "party", "party_en", "amount_fen", "due_on", "tag", "code", "route"},
        {{"id", string_schema()},
         {"label", string_schema()},
         {"label_en", string_schema()},
         {"party", string_schema()},
         {"party_en", string_schema()},
         {"amount_fen", nullable(integer_schema())},
         {"due_on", nullable(date_schema())},
         {"tag", string_schema()},
         {"code", string_schema()},
         {"route", string_schema()}}).dump());
    router.add_schema("WorkQueue", object_schema({"kind", "count", "route", "items"},
                                                 {{"kind", enum_of(work_kinds)},
                                                  {"count", integer_schema(0, INT64_MAX)},
                                                  {"route", string_schema()},
                                                  {"items", array_of(ref_schema("WorkItem"))}}).dump());
    router.add_schema("Todo", object_schema({"today", "items_per_kind_max", "queues"},
                                            {{"today", date_schema()},
                                             {"items_per_kind_max", integer_schema()},
                                             {"queues", array_of(ref_schema("WorkQueue"))}}).dump());
}

}  // namespace

void add_todo_routes(Router& router, todo::TodoService& todo) {
    add_todo_schemas(router);
    router.add(documented_route(Method::get, "/api/v1/me/todo", "access",
                                "What awaits the signed-in user: per kind of work a count, the most urgent few by name "
                                "and the console page where it is done; scoped to the user's organisation or county",
                                "", ref("Todo"), 200,
                                [&todo](Request& request) { return reply(todo.for_actor(actor_of(request)), 200, todo_json); }));
}

}  // namespace kl::http
