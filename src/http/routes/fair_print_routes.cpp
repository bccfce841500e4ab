// What an event prints and hands out (fair::PrintService, fair_print.h), over HTTP: a participant's
// agenda as JSON, PDF or .ics; badges as PDF; check-in by a badge's token; the organisers' table plan
// as JSON, CSV, XLSX or PDF. Thin handlers: read the query or body, call the service, answer.
#include <nlohmann/json.hpp>

#include "calendar/ics.h"
#include "http/json_body.h"
#include "http/query.h"
#include "http/routes/fair_json.h"
#include "http/routes/fair_routes.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "pdf/pdf_document.h"

namespace kl::http {

// Its own namespace: the unity build compiles route files together, and their handlers' names repeat.
namespace fair_print_routes {

namespace {

using nlohmann::json;
using namespace fair_json;

enum class Output { json_body, pdf, ics, csv, xlsx };

// `format` among `allowed` (absent: the first of them); a refusal names the field and the list.
Output read_output(QueryReader& query, const std::vector<std::pair<std::string, Output>>& allowed) {
    return query
        .parsed("format",
                [&](std::string_view text, const std::string& field) -> Result<Output> {
                    std::string names;
                    for (const auto& [name, output] : allowed) {
                        if (text == name) return output;
                        names += (names.empty() ? "" : ",") + name;
                    }
                    return fail_field(field, ProblemCode::not_one_of, "must be one of " + names, {{"allowed", names}});
                })
        .value_or(allowed.front().second);
}

fair::PrintLanguage read_language(QueryReader& query) {
    return query_enum<fair::PrintLanguage>(query, "lang").value_or(fair::PrintLanguage::zh);
}

std::string language_suffix(fair::PrintLanguage language) { return language == fair::PrintLanguage::zh ? "-zh" : "-en"; }

// The bytes as a download named `file` (ASCII: ids and fixed words only).
Response file_reply(const Result<std::string>& bytes, const std::string& content_type, const std::string& file) {
    if (!bytes) return error_response(bytes.error());
    Response response;
    response.content_type = content_type;
    response.body = *bytes;
    response.with_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    response.with_header("Cache-Control", "no-store");
    return response;
}

const std::string& event_id(const Request& request) { return request.param("id"); }

Response agenda(fair::Fairs& fairs, Request& request) {
    QueryReader query(request);
    const Output output = read_output(query, {{"json", Output::json_body}, {"pdf", Output::pdf}, {"ics", Output::ics}});
    const fair::PrintLanguage language = read_language(query);
    if (auto done = query.finish(); !done) return error_response(done.error());
    const auto& actor = actor_of(request);
    const std::string& pid = request.param("pid");
    const std::string file = "agenda-" + pid + language_suffix(language);
    switch (output) {
        case Output::pdf: return file_reply(fairs.prints.agenda_pdf(actor, event_id(request), pid, language), pdf::pdf_content_type, file + ".pdf");
        case Output::ics: return file_reply(fairs.prints.agenda_ics(actor, event_id(request), pid, language), calendar::ics_content_type, file + ".ics");
        default: return reply(fairs.schedules.agenda(actor, event_id(request), pid), 200, agenda_json);
    }
}

Response badge(fair::Fairs& fairs, Request& request) {
    QueryReader query(request);
    const Output output = read_output(query, {{"pdf", Output::pdf}, {"json", Output::json_body}});
    const fair::PrintLanguage language = read_language(query);
    if (auto done = query.finish(); !done) return error_response(done.error());
    const std::string& pid = request.param("pid");
    if (output == Output::json_body) {
        return reply(fairs.prints.badge_token(actor_of(request), event_id(request), pid), 200,
                     [&](const std::string& token) { return json{{"participant_id", pid}, {"token", token}}; });
    }
    return file_reply(fairs.prints.badge_pdf(actor_of(request), event_id(request), pid, language), pdf::pdf_content_type,
                      "badge-" + pid + language_suffix(language) + ".pdf");
}

Response badges(fair::Fairs& fairs, Request& request) {
    QueryReader query(request);
    read_output(query, {{"pdf", Output::pdf}});
    const fair::PrintLanguage language = read_language(query);
    if (auto done = query.finish(); !done) return error_response(done.error());
    return file_reply(fairs.prints.badges_pdf(actor_of(request), event_id(request), language), pdf::pdf_content_type,
                      "badges-" + event_id(request) + language_suffix(language) + ".pdf");
}

json check_in_json(const fair::CheckInResult& result) {
    const int64_t at_ms = result.participant.checked_in_at_ms.value_or(0);
    const std::string at = fair::beijing_clock_text(at_ms);
    return {{"participant", attendee_json(result.participant)},
            {"already_checked_in", result.already},
            {"checked_in_at_ms", at_ms},
            {"checked_in_at", at},
            {"message", result.already ? "already checked in at " + at : "checked in at " + at}};
}

Response check_in(fair::Fairs& fairs, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"token"});
        const std::string token = reader.text("token", 1, fair::badge_token_text_chars_max);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(fairs.prints.check_in_by_badge(actor_of(request), event_id(request), token), 200, check_in_json);
    });
}

json plan_json(const fair::TablePlan& plan) {
    json slots = json::array();
    for (const auto& slot : plan.slots) {
        json seats = json::array();
        for (const auto& seat : slot.seats) {
            seats.push_back({{"table_number", seat.table_number},
                             {"meeting_id", seat.meeting_id},
                             {"exhibitor", {{"id", seat.exhibitor_id}, {"org_name", seat.exhibitor_org_name},
                                            {"org_name_en", seat.exhibitor_org_name_en}, {"booth", seat.booth}}},
                             {"buyer", {{"id", seat.buyer_id}, {"org_name", seat.buyer_org_name},
                                        {"org_name_en", seat.buyer_org_name_en}, {"person", seat.buyer_person}}}});
        }
        slots.push_back({{"slot", slot_json(slot.slot)}, {"seats", seats}});
    }
    return {{"event_id", plan.event.id}, {"schedule_id", plan.schedule_id}, {"published", plan.published}, {"slots", slots}};
}

Response table_plan(fair::Fairs& fairs, Request& request) {
    QueryReader query(request);
    const auto schedule = query.text("schedule");
    const Output output = read_output(
        query, {{"json", Output::json_body}, {"csv", Output::csv}, {"xlsx", Output::xlsx}, {"pdf", Output::pdf}});
    const fair::PrintLanguage language = read_language(query);
    if (auto done = query.finish(); !done) return error_response(done.error());
    const std::optional<std::string> sid = schedule && *schedule != "published" ? schedule : std::nullopt;
    auto plan = fairs.prints.table_plan(actor_of(request), event_id(request), sid);
    if (!plan) return error_response(plan.error());
    const std::string file = "table-plan-" + plan->schedule_id;
    switch (output) {
        case Output::csv: return file_response(fair::table_plan_sheet(*plan), FileFormat::csv, file);
        case Output::xlsx: return file_response(fair::table_plan_sheet(*plan), FileFormat::xlsx, file);
        case Output::pdf: return file_reply(fairs.prints.table_plan_pdf(*plan, language), pdf::pdf_content_type, file + language_suffix(language) + ".pdf");
        default: return json_response(200, plan_json(*plan));
    }
}


// ---- edits --------------------------------------------------------------------------------------------

Response update_event(fair::FairService& events, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"name_zh", "name_en", "venue", "starts_on", "ends_on", "slot_minutes", "break_minutes",
                           "weight_buyer_must_meet", "weight_buyer_meet", "weight_exhibitor_must_meet", "weight_exhibitor_meet",
                           "weight_recommendation_max"});
        fair::EventPatch patch;
        patch.name_zh = reader.opt_text("name_zh", fair::name_chars_max);
        patch.name_en = reader.opt_text("name_en", fair::name_chars_max);
        patch.venue = reader.opt_text("venue", fair::name_chars_max);
        patch.starts_on = read_date(reader, "starts_on", false);
        patch.ends_on = read_date(reader, "ends_on", false);
        patch.slot_minutes = reader.opt_integer("slot_minutes", fair::slot_minutes_min, fair::slot_minutes_max);
        patch.break_minutes = reader.opt_integer("break_minutes", 0, fair::break_minutes_max);
        patch.weight_buyer_must_meet = reader.opt_integer("weight_buyer_must_meet", 0, fair::rating_weight_max);
        patch.weight_buyer_meet = reader.opt_integer("weight_buyer_meet", 0, fair::rating_weight_max);
        patch.weight_exhibitor_must_meet = reader.opt_integer("weight_exhibitor_must_meet", 0, fair::rating_weight_max);
        patch.weight_exhibitor_meet = reader.opt_integer("weight_exhibitor_meet", 0, fair::rating_weight_max);
        patch.weight_recommendation_max = reader.opt_integer("weight_recommendation_max", 0, fair::rating_weight_max);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(events.update_event(actor_of(request), event_id(request), patch), 200, event_json);
    });
}

// An id list the body names (null or [] alike: for slot_ids, every slot), or nullopt when absent.
std::optional<std::vector<std::string>> patched_ids(const json& body, FieldReader& reader, const std::string& name) {
    if (!body.contains(name)) return std::nullopt;
    return read_ids(body, reader, name);
}

Response update_attendee(fair::FairService& events, Request& request) {
    return with_body(request, [&](const json& body, FieldReader& reader) {
        reader.allow_only({"person_name", "title", "phone", "booth", "product_ids", "slot_ids", "meetings_min", "meetings_max"});
        fair::AttendeePatch patch;
        patch.person_name = reader.opt_text("person_name", fair::name_chars_max);
        patch.title = reader.opt_text("title", fair::name_chars_max);
        patch.phone = reader.opt_text("phone", fair::phone_chars_max);
        patch.booth = reader.opt_text("booth", fair::name_chars_max);
        patch.product_ids = patched_ids(body, reader, "product_ids");
        patch.slot_ids = patched_ids(body, reader, "slot_ids");
        patch.meetings_min = reader.opt_integer("meetings_min", 0, fair::slot_count_max);
        patch.meetings_max = reader.opt_integer("meetings_max", 0, fair::slot_count_max);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(events.update_attendee(actor_of(request), event_id(request), request.param("pid"), patch), 200, attendee_json);
    });
}

Response no_content(const Result<void>& done) {
    if (!done) return error_response(done.error());
    Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

void add_schemas(Router& router) {
    router.add_schema("FairEventPatch",
                      object_schema(json::array(),
                                    {{"name_zh", string_schema(1, fair::name_chars_max)},
                                     {"name_en", string_schema(1, fair::name_chars_max)},
                                     {"venue", string_schema(1, fair::name_chars_max)},
                                     {"starts_on", date_schema()},
                                     {"ends_on", date_schema()},
                                     {"slot_minutes", integer_schema(fair::slot_minutes_min, fair::slot_minutes_max)},
                                     {"break_minutes", integer_schema(0, fair::break_minutes_max)},
                                     {"weight_buyer_must_meet", integer_schema(0, fair::rating_weight_max)},
                                     {"weight_buyer_meet", integer_schema(0, fair::rating_weight_max)},
                                     {"weight_exhibitor_must_meet", integer_schema(0, fair::rating_weight_max)},
                                     {"weight_exhibitor_meet", integer_schema(0, fair::rating_weight_max)},
                                     {"weight_recommendation_max", integer_schema(0, fair::rating_weight_max)}},
                                    true)
                          .dump());
    router.add_schema("FairParticipantPatch",
                      object_schema(json::array(),
                                    {{"person_name", string_schema(0, fair::name_chars_max)},
                                     {"title", string_schema(0, fair::name_chars_max)},
                                     {"phone", string_schema(0, fair::phone_chars_max)},
                                     {"booth", string_schema(0, fair::name_chars_max)},
                                     {"product_ids", nullable(array_of(string_schema(1, id_chars_max)))},
                                     {"slot_ids", nullable(array_of(string_schema(1, id_chars_max)))},
                                     {"meetings_min", integer_schema(0, fair::slot_count_max)},
                                     {"meetings_max", integer_schema(0, fair::slot_count_max)}},
                                    true)
                          .dump());
    router.add_schema("FairCheckInInput", object_schema({"token"}, {{"token", string_schema(1, fair::badge_token_text_chars_max)}}, true).dump());
    router.add_schema("FairCheckIn", object_schema({{"participant", ref_schema("FairParticipant")},
                                                    {"already_checked_in", {{"type", "boolean"}}},
                                                    {"checked_in_at_ms", integer_schema()},
                                                    {"checked_in_at", string_schema()},
                                                    {"message", string_schema()}})
                                         .dump());
    router.add_schema("FairBadgeToken", object_schema({{"participant_id", string_schema()}, {"token", string_schema()}}).dump());
    const json seat = object_schema(
        {{"table_number", integer_schema()},
         {"meeting_id", string_schema()},
         {"exhibitor", object_schema({{"id", string_schema()}, {"org_name", string_schema()}, {"org_name_en", string_schema()},
                                      {"booth", string_schema()}})},
         {"buyer", object_schema({{"id", string_schema()}, {"org_name", string_schema()}, {"org_name_en", string_schema()},
                                  {"person", string_schema()}})}});
    router.add_schema("FairTablePlan",
                      object_schema({{"event_id", string_schema()},
                                     {"schedule_id", string_schema()},
                                     {"published", {{"type", "boolean"}}},
                                     {"slots", array_of(object_schema({{"slot", ref_schema("FairSlot")}, {"seats", array_of(seat)}}))}})
                          .dump());
}

Route print_route(Method method, const std::string& path, const std::string& summary, const std::string& input,
                  const std::string& output, Handler handler, QueryDocs query = {}, int status = 200) {
    return documented_route(method, "/api/v1/fairs" + path, "fairs", summary, input, output, status, std::move(handler),
                            std::move(query));
}

const std::pair<std::string, std::string> lang_doc = {"lang", "zh (default) or en: the language of a PDF or calendar"};

}  // namespace

void add(Router& router, fair::Fairs& fairs) {
    add_schemas(router);
    router.add(print_route(Method::get, "/{id}/participants/{pid}/agenda",
                           "A participant's meetings in the published schedule and what the last run changed for it (its own "
                           "organisation, organisers, programme-wide readers); format=pdf prints it on A4, format=ics is a "
                           "calendar whose meetings keep their UID across publications (cancelled ones marked CANCELLED)",
                           "", ref("FairAgenda"), [&fairs](Request& r) { return agenda(fairs, r); },
                           {{"format", "json (default), pdf or ics"}, lang_doc}));
    router.add(print_route(Method::get, "/{id}/participants/{pid}/badge",
                           "A participant's badge as a PDF with the QR code that checks it in (organisers, its own "
                           "organisation); format=json answers the badge's token. The token is issued on first print",
                           "", ref("FairBadgeToken"), [&fairs](Request& r) { return badge(fairs, r); },
                           {{"format", "pdf (default) or json"}, lang_doc}));
    {
        Route route = print_route(Method::get, "/{id}/badges", "Every participant's badge, one per A4 page (organisers)", "",
                                  R"({"format":"binary","type":"string"})", [&fairs](Request& r) { return badges(fairs, r); },
                                  {{"format", "pdf (the only one)"}, lang_doc});
        route.doc.response_content_type = pdf::pdf_content_type;
        router.add(std::move(route));
    }
    router.add(print_route(Method::post, "/{id}/check-in",
                           "Check a badge's holder in by the token its QR code holds (organisers; published or live). A "
                           "second scan answers already_checked_in with the time, not an error; an unknown token, or "
                           "another event's, is 404",
                           ref("FairCheckInInput"), ref("FairCheckIn"), [&fairs](Request& r) { return check_in(fairs, r); }));
    router.add(print_route(Method::get, "/{id}/table-plan",
                           "Who sits at which table in each slot (organisers, programme-wide readers): a schedule run's "
                           "meetings, the published one unless schedule names another; csv/xlsx one row per meeting, pdf "
                           "one table per slot",
                           "", ref("FairTablePlan"), [&fairs](Request& r) { return table_plan(fairs, r); },
                           {{"schedule", "a schedule run's id, or published (the default)"},
                            {"format", "json (default), csv, xlsx or pdf"},
                            lang_doc}));
    auto& events = fairs.events;
    router.add(print_route(Method::patch, "/{id}",
                           "Edit an event (organisers): names and venue until it closes; dates and weights while draft, "
                           "registration or scheduling (every session stays inside the dates); slot length and break only "
                           "before any session generated slots",
                           ref("FairEventPatch"), ref("FairEvent"), [&events](Request& r) { return update_event(events, r); }));
    router.add(print_route(Method::patch, "/{id}/participants/{pid}",
                           "Edit a participant (organisers; its own organisation while registration is open): person, "
                           "booth and products until the event closes; availability and caps while draft, registration or "
                           "scheduling, and by organisers while published (the next run keeps what is still possible and "
                           "reports each moved or dropped meeting with its reason); never while live",
                           ref("FairParticipantPatch"), ref("FairParticipant"),
                           [&events](Request& r) { return update_attendee(events, r); }));
    router.add(print_route(Method::del, "/{id}/tables/{tid}",
                           "Delete a table (organisers; draft, registration or scheduling) no schedule run seats a meeting at",
                           "", "", [&events](Request& r) { return no_content(events.delete_table(actor_of(r), event_id(r), r.param("tid"))); },
                           {}, 204));
    router.add(print_route(Method::del, "/{id}/sessions/{sid}",
                           "Delete a session and its slots (organisers; draft, registration or scheduling) while no run "
                           "holds meetings in them and no participant's availability names them",
                           "", "", [&events](Request& r) { return no_content(events.delete_session(actor_of(r), event_id(r), r.param("sid"))); },
                           {}, 204));
}

}  // namespace fair_print_routes

void add_fair_print_routes(Router& router, fair::Fairs& fairs) { fair_print_routes::add(router, fairs); }

}  // namespace kl::http
