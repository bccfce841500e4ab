#include "http/routes/fair_routes.h"

#include <nlohmann/json.hpp>

#include <cctype>

#include "http/json_body.h"
#include "http/query.h"
#include "http/routes/fair_json.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"

namespace kl::http {

// Its own namespace: the unity build compiles route files together, and their handlers' names repeat.
namespace fair_routes {

namespace {

using nlohmann::json;
using namespace fair_json;

// "HH:MM" (00:00 to 24:00) as minutes after midnight.
Result<int64_t> parse_clock(std::string_view text, const std::string& field) {
    const bool shaped = text.size() == 5 && text[2] == ':' && std::isdigit(static_cast<unsigned char>(text[0])) &&
                        std::isdigit(static_cast<unsigned char>(text[1])) && std::isdigit(static_cast<unsigned char>(text[3])) &&
                        std::isdigit(static_cast<unsigned char>(text[4]));
    if (shaped) {
        const int64_t hours = (text[0] - '0') * 10 + (text[1] - '0');
        const int64_t minutes = (text[3] - '0') * 10 + (text[4] - '0');
        if (minutes < 60 && (hours < 24 || (hours == 24 && minutes == 0))) return hours * 60 + minutes;
    }
    return fail_field(field, ProblemCode::bad_format, "must be a time of day written HH:MM (00:00 to 24:00)");
}

const std::string& event_id(const Request& request) { return request.param("id"); }

Response create_event(fair::FairService& fairs, Request& request) {
    return with_body(request, [&](const json& body, FieldReader& reader) {
        reader.allow_only({"kind", "name_zh", "name_en", "venue", "starts_on", "ends_on", "slot_minutes", "break_minutes",
                           "weight_buyer_must_meet", "weight_buyer_meet", "weight_exhibitor_must_meet", "weight_exhibitor_meet",
                           "weight_recommendation_max", "organiser_ids"});
        fair::Event input;
        if (auto kind = read_enum<fair::EventKind>(reader, "kind")) input.kind = *kind;
        input.name_zh = reader.text("name_zh", 1, fair::name_chars_max);
        input.name_en = reader.text("name_en", 1, fair::name_chars_max);
        input.venue = reader.text("venue", 1, fair::name_chars_max);
        input.starts_on = read_date(reader, "starts_on").value_or(kl::Date{});
        input.ends_on = read_date(reader, "ends_on").value_or(input.starts_on);
        input.slot_minutes = reader.opt_integer("slot_minutes", fair::slot_minutes_min, fair::slot_minutes_max).value_or(20);
        input.break_minutes = reader.opt_integer("break_minutes", 0, fair::break_minutes_max).value_or(5);
        fair::RatingWeights& w = input.weights;
        w.buyer_must_meet = reader.opt_integer("weight_buyer_must_meet", 0, fair::rating_weight_max).value_or(w.buyer_must_meet);
        w.buyer_meet = reader.opt_integer("weight_buyer_meet", 0, fair::rating_weight_max).value_or(w.buyer_meet);
        w.exhibitor_must_meet =
            reader.opt_integer("weight_exhibitor_must_meet", 0, fair::rating_weight_max).value_or(w.exhibitor_must_meet);
        w.exhibitor_meet = reader.opt_integer("weight_exhibitor_meet", 0, fair::rating_weight_max).value_or(w.exhibitor_meet);
        w.recommendation_max =
            reader.opt_integer("weight_recommendation_max", 0, fair::rating_weight_max).value_or(w.recommendation_max);
        input.organiser_ids = read_ids(body, reader, "organiser_ids");
        if (auto done = reader.finish(); !done) return error_response(done.error());
        auto made = fairs.create_event(actor_of(request), input);
        if (!made) return error_response(made.error());
        return created(event_json(*made), "/api/v1/fairs/" + made->id);
    });
}

Response list_events(fair::FairService& fairs, Request& request) {
    QueryReader query(request);
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto page = fairs.events(actor_of(request), limit, cursor);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->items, page->next_cursor, event_json));
}

Response add_organiser(fair::FairService& fairs, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"user_id"});
        const std::string user = reader.text("user_id", 1, id_chars_max);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(fairs.add_organiser(actor_of(request), event_id(request), user), 200, event_json);
    });
}

Response move_state(fair::FairService& fairs, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"state"});
        const auto state = read_enum<fair::EventState>(reader, "state");
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(fairs.move_state(actor_of(request), event_id(request), *state), 200, event_json);
    });
}

Response add_session(fair::FairService& fairs, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"held_on", "starts_at", "ends_at"});
        const auto held_on = read_date(reader, "held_on");
        const auto starts = read_parsed(reader, "starts_at", parse_clock);
        const auto ends = read_parsed(reader, "ends_at", parse_clock);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(fairs.add_session(actor_of(request), event_id(request), *held_on, *starts, *ends), 201, session_json);
    });
}

Response add_table(fair::FairService& fairs, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"number", "owner_participant_id"});
        const int64_t number = reader.integer("number", 1, fair::tables_max);
        const auto owner = reader.opt_text("owner_participant_id", id_chars_max);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(fairs.add_table(actor_of(request), event_id(request), number, owner), 201, table_json);
    });
}

Response register_attendee(fair::FairService& fairs, Request& request) {
    return with_body(request, [&](const json& body, FieldReader& reader) {
        reader.allow_only({"side", "org_id", "person_name", "title", "phone", "booth", "product_ids", "slot_ids",
                           "meetings_min", "meetings_max"});
        fair::Attendee input;
        if (auto side = read_enum<fair::Side>(reader, "side")) input.side = *side;
        input.org_id = reader.text("org_id", 1, id_chars_max);
        input.person_name = reader.opt_text("person_name", fair::name_chars_max).value_or("");
        input.title = reader.opt_text("title", fair::name_chars_max).value_or("");
        input.phone = reader.opt_text("phone", fair::phone_chars_max).value_or("");
        input.booth = reader.opt_text("booth", fair::name_chars_max).value_or("");
        input.product_ids = read_ids(body, reader, "product_ids");
        input.slot_ids = read_ids(body, reader, "slot_ids");
        input.meetings_min = reader.integer("meetings_min", 0, fair::slot_count_max);
        input.meetings_max = reader.integer("meetings_max", 0, fair::slot_count_max);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        auto made = fairs.register_attendee(actor_of(request), event_id(request), input);
        if (!made) return error_response(made.error());
        return created(attendee_json(*made), "/api/v1/fairs/" + made->event_id + "/participants/" + made->id);
    });
}

Response list_attendees(fair::FairService& fairs, Request& request) {
    QueryReader query(request);
    const auto side = query_enum<fair::Side>(query, "side");
    const auto org_id = query.text("org_id");
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto page = fairs.attendees(actor_of(request), event_id(request), side, org_id, limit, cursor);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->items, page->next_cursor, attendee_json));
}

Response import_attendees(fair::FairService& fairs, Request& request) {
    if (!is_csv(request)) return not_csv_problem();
    auto summary = fairs.import_csv(actor_of(request), event_id(request), request.body);
    if (!summary) return error_response(summary.error());
    json out = {{"rows", summary->rows}, {"registered", json::array()}};
    for (const auto& a : summary->registered) out["registered"].push_back(attendee_json(a));
    return json_response(200, out);
}

Response rate(fair::FairService& fairs, Request& request) {
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"rating", "note"});
        const auto rating = read_enum<fair::Rating>(reader, "rating");
        const std::string note = reader.opt_text("note", fair::note_chars_max, TextKind::prose).value_or("");
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(fairs.rate(actor_of(request), event_id(request), request.param("pid"), request.param("counterpart_id"),
                                *rating, note),
                     200, rated_json);
    });
}

Response start_schedule(fair::ScheduleService& schedules, Request& request) {
    // The body is optional: an empty one takes the default time limit.
    if (request.body.empty()) return reply(schedules.start(actor_of(request), event_id(request), std::nullopt), 202, schedule_json);
    return with_body(request, [&](const json&, FieldReader& reader) {
        reader.allow_only({"solve_time_ms"});
        const auto limit_ms = reader.opt_integer("solve_time_ms", 1, fair::solve_time_ms_max);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return reply(schedules.start(actor_of(request), event_id(request), limit_ms), 202, schedule_json);
    });
}

Response list_schedules(fair::ScheduleService& schedules, Request& request) {
    QueryReader query(request);
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto page = schedules.list(actor_of(request), event_id(request), limit, cursor);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->items, page->next_cursor, schedule_json));
}

Response list_meetings(fair::ScheduleService& schedules, Request& request) {
    QueryReader query(request);
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto page = schedules.meetings(actor_of(request), event_id(request), request.param("sid"), limit, cursor);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->items, page->next_cursor, stored_meeting_json));
}

Route fair_route(Method method, const std::string& path, const std::string& summary, const std::string& input,
                 const std::string& output, int status, Handler handler, QueryDocs query = {}) {
    return documented_route(method, "/api/v1/fairs" + path, "fairs", summary, input, output, status, std::move(handler),
                            std::move(query));
}

}  // namespace

void add(Router& router, fair::Fairs& fairs) {
    add_fair_schemas(router);
    auto& f = fairs.events;
    auto& s = fairs.schedules;
    router.add(fair_route(Method::get, "", "Fairs and matchmaking events", "", ref("FairEventPage"), 200,
                          [&f](Request& r) { return list_events(f, r); }, page_query_docs()));
    router.add(fair_route(Method::post, "", "Create an event (admin); it starts as a draft", ref("FairEventInput"),
                          ref("FairEvent"), 201, [&f](Request& r) { return create_event(f, r); }));
    router.add(fair_route(Method::get, "/{id}", "An event", "", ref("FairEvent"), 200,
                          [&f](Request& r) { return reply(f.event(actor_of(r), event_id(r)), 200, event_json); }));
    router.add(fair_route(Method::post, "/{id}/organisers", "Name a user as one of the event's organisers (admin)",
                          ref("FairOrganiserInput"), ref("FairEvent"), 200, [&f](Request& r) { return add_organiser(f, r); }));
    router.add(fair_route(Method::post, "/{id}/state",
                          "Move the event one step on (organisers): draft → registration → scheduling; published → live → "
                          "closed (published comes from publishing a schedule)",
                          ref("FairStateInput"), ref("FairEvent"), 200, [&f](Request& r) { return move_state(f, r); }));
    router.add(fair_route(Method::post, "/{id}/sessions", "Add a day's block (organisers); its meeting slots are generated",
                          ref("FairSessionInput"), ref("FairSession"), 201, [&f](Request& r) { return add_session(f, r); }));
    router.add(fair_route(Method::get, "/{id}/sessions", "The event's sessions", "", ref("FairSessionList"), 200,
                          [&f](Request& r) { return list_reply(f.sessions(actor_of(r), event_id(r)), session_only_json); }));
    router.add(fair_route(Method::get, "/{id}/slots", "The event's meeting slots in time order", "", ref("FairSlotList"), 200,
                          [&f](Request& r) { return list_reply(f.slots(actor_of(r), event_id(r)), slot_json); }));
    router.add(fair_route(Method::post, "/{id}/tables", "Add a numbered table, optionally an exhibitor's booth table (organisers)",
                          ref("FairTableInput"), ref("FairTable"), 201, [&f](Request& r) { return add_table(f, r); }));
    router.add(fair_route(Method::get, "/{id}/tables", "The event's tables", "", ref("FairTableList"), 200,
                          [&f](Request& r) { return list_reply(f.tables(actor_of(r), event_id(r)), table_json); }));
    router.add(fair_route(Method::post, "/{id}/participants",
                          "Register an exhibitor or buyer representative (organisers; an organisation's own user for "
                          "itself while registration is open)",
                          ref("FairParticipantInput"), ref("FairParticipant"), 201,
                          [&f](Request& r) { return register_attendee(f, r); }));
    router.add(fair_route(Method::get, "/{id}/participants", "The event's participants (phones for organisers and their own organisation)",
                          "", ref("FairParticipantPage"), 200, [&f](Request& r) { return list_attendees(f, r); },
                          with_page({{"side", "exhibitor or buyer"}, {"org_id", "only this organisation's participants"}})));
    {
        const json sheet = {{"type", "string"},
                            {"description", "CSV with columns side, org (id or credit code), person_name, title, phone, "
                                            "booth, products (';' list of ids), meetings_min, meetings_max, slots (';' list "
                                            "of ids; empty: every slot). All rows or none; problems as row <n>/<column>"}};
        Route route = fair_route(Method::post, "/{id}/participants/import", "Register participants from a CSV file (organisers)",
                                 sheet.dump(), ref("FairImportSummary"), 200, [&f](Request& r) { return import_attendees(f, r); });
        route.doc.request_content_type = std::string(csv_content_type);
        router.add(std::move(route));
    }
    router.add(fair_route(Method::get, "/{id}/participants/{pid}", "A participant", "", ref("FairParticipant"), 200,
                          [&f](Request& r) { return reply(f.attendee(actor_of(r), event_id(r), r.param("pid")), 200, attendee_json); }));
    router.add(fair_route(Method::post, "/{id}/participants/{pid}/check-in", "Check a participant in (organisers)", "",
                          ref("FairParticipant"), 200,
                          [&f](Request& r) { return reply(f.check_in(actor_of(r), event_id(r), r.param("pid")), 200, attendee_json); }));
    router.add(fair_route(Method::post, "/{id}/participants/{pid}/withdraw",
                          "Withdraw a participant (organisers, or its own organisation); a rerun drops its meetings, saying so",
                          "", ref("FairParticipant"), 200,
                          [&f](Request& r) { return reply(f.withdraw(actor_of(r), event_id(r), r.param("pid")), 200, attendee_json); }));
    router.add(fair_route(Method::get, "/{id}/participants/{pid}/preferences",
                          "The ratings a participant gave (its own organisation, organisers, programme-wide readers)", "",
                          ref("FairRatingList"), 200,
                          [&f](Request& r) { return list_reply(f.ratings(actor_of(r), event_id(r), r.param("pid")), rated_json); }));
    router.add(fair_route(Method::put, "/{id}/participants/{pid}/preferences/{counterpart_id}",
                          "Rate a participant of the other side: must_meet, meet, no_thanks (a veto) or none",
                          ref("FairRatingInput"), ref("FairRating"), 200, [&f](Request& r) { return rate(f, r); }));
    router.add(fair_route(Method::get, "/{id}/participants/{pid}/recommendations",
                          "Counterparts the participant has not rated, scored from demands, orders, certification and "
                          "channels, each reason a code with parameters (same readers as its preferences)",
                          "", ref("FairRecommendationList"), 200, [&f](Request& r) {
                              return list_reply(f.recommendations(actor_of(r), event_id(r), r.param("pid")), recommendation_json);
                          }));
    router.add(with_idempotency_key(fair_route(
        Method::post, "/{id}/schedules",
        "Run the meeting scheduler (organisers; scheduling, published or live): 202 with the queued run; poll it. "
        "With an Idempotency-Key a retry answers the same run instead of queueing another",
        ref("FairScheduleInput"), ref("FairSchedule"), 202, [&s](Request& r) { return start_schedule(s, r); })));
    router.add(fair_route(Method::get, "/{id}/schedules", "The event's schedule runs, oldest first (organisers, programme-wide readers)",
                          "", ref("FairSchedulePage"), 200, [&s](Request& r) { return list_schedules(s, r); }, page_query_docs()));
    router.add(fair_route(Method::get, "/{id}/schedules/{sid}",
                          "A run: status, weight, bound, gap, must-meets unmet and why, what became of each published "
                          "meeting (organisers, programme-wide readers)",
                          "", ref("FairSchedule"), 200,
                          [&s](Request& r) { return reply(s.get(actor_of(r), event_id(r), r.param("sid")), 200, schedule_json); }));
    router.add(fair_route(Method::get, "/{id}/schedules/{sid}/meetings", "A run's meetings", "", ref("FairMeetingPage"), 200,
                          [&s](Request& r) { return list_meetings(s, r); }, page_query_docs()));
    router.add(fair_route(Method::post, "/{id}/schedules/{sid}/publish",
                          "Make a finished run the event's published schedule (organisers)", "", ref("FairSchedule"), 200,
                          [&s](Request& r) { return reply(s.publish(actor_of(r), event_id(r), r.param("sid")), 200, schedule_json); }));
}

}  // namespace fair_routes

void add_fair_routes(Router& router, fair::Fairs& fairs) {
    fair_routes::add(router, fairs);
    add_fair_print_routes(router, fairs);
}

}  // namespace kl::http
