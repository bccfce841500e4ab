#include "http/routes/fair_json.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/routes/route_kit.h"

namespace kl::http::fair_json {

namespace {

json ids_json(const std::vector<std::string>& ids) {
    json out = json::array();
    for (const auto& id : ids) out.push_back(id);
    return out;
}

json id_array_schema() { return array_of(string_schema()); }

}  // namespace

// An optional array of ids; problems recorded on `reader` under `name` and `name/<i>`.
std::vector<std::string> read_ids(const json& body, FieldReader& reader, const std::string& name) {
    std::vector<std::string> out;
    FieldErrors problems;
    const json* items = read_array(body, name, "", id_list_max, false, problems);
    for (const auto& error : problems.errors()) reader.add_error(error.field, error);
    if (items == nullptr) return out;
    for (size_t i = 0; i < items->size(); ++i) {
        const json& item = (*items)[i];
        const std::string field = name + "/" + std::to_string(i);
        if (!item.is_string() || item.get<std::string>().empty() || item.get<std::string>().size() > id_chars_max) {
            reader.add_error(field, ProblemCode::wrong_type, "must be an id (a text of 1 to 64 characters)");
            continue;
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::string clock_text(int64_t minutes) { return fair::clock_text(minutes); }

json event_json(const fair::Event& event) {
    return {{"id", event.id},
            {"kind", to_string(event.kind)},
            {"name_zh", event.name_zh},
            {"name_en", event.name_en},
            {"venue", event.venue},
            {"starts_on", kl::format_date(event.starts_on)},
            {"ends_on", kl::format_date(event.ends_on)},
            {"time_zone", std::string(fair::event_time_zone)},
            {"state", to_string(event.state)},
            {"slot_minutes", event.slot_minutes},
            {"break_minutes", event.break_minutes},
            {"weights",
             {{"buyer_must_meet", event.weights.buyer_must_meet},
              {"buyer_meet", event.weights.buyer_meet},
              {"exhibitor_must_meet", event.weights.exhibitor_must_meet},
              {"exhibitor_meet", event.weights.exhibitor_meet},
              {"recommendation_max", event.weights.recommendation_max}}},
            {"published_schedule_id", or_null(event.published_schedule_id)},
            {"organiser_ids", ids_json(event.organiser_ids)},
            {"created_at", format_utc_iso8601(event.created_at_ms)}};
}

json session_only_json(const fair::Session& session) {
    return {{"id", session.id},
            {"held_on", kl::format_date(session.held_on)},
            {"starts_min", session.starts_min},
            {"ends_min", session.ends_min},
            {"starts_at", clock_text(session.starts_min)},
            {"ends_at", clock_text(session.ends_min)}};
}

json slot_json(const fair::EventSlot& slot) {
    return {{"id", slot.id},
            {"session_id", slot.session_id},
            {"held_on", kl::format_date(slot.held_on)},
            {"starts_min", slot.starts_min},
            {"ends_min", slot.ends_min},
            {"starts_at", clock_text(slot.starts_min)},
            {"ends_at", clock_text(slot.ends_min)}};
}

json session_json(const fair::SessionAdded& added) {
    json out = session_only_json(added.session);
    out["slots"] = json::array();
    for (const auto& slot : added.slots) out["slots"].push_back(slot_json(slot));
    return out;
}

json table_json(const fair::EventTable& table) {
    return {{"id", table.id}, {"number", table.number}, {"owner_participant_id", or_null(table.owner_participant_id)}};
}

json attendee_json(const fair::Attendee& a) {
    return {{"id", a.id},
            {"event_id", a.event_id},
            {"side", to_string(a.side)},
            {"org_id", a.org_id},
            {"org_name", a.org_name},
            {"org_name_en", a.org_name_en},
            {"person_name", a.person_name},
            {"title", a.title},
            {"phone", a.phone},
            {"booth", a.booth},
            {"meetings_min", a.meetings_min},
            {"meetings_max", a.meetings_max},
            {"product_ids", ids_json(a.product_ids)},
            {"slot_ids", ids_json(a.slot_ids)},
            {"checked_in_at", a.checked_in_at_ms ? json(format_utc_iso8601(*a.checked_in_at_ms)) : json(nullptr)},
            {"withdrawn", a.withdrawn}};
}

json rated_json(const fair::Rated& rated) {
    return {{"counterpart_id", rated.counterpart_id}, {"rating", to_string(rated.rating)}, {"note", rated.note}};
}

json recommendation_json(const fair::PairRecommendation& r) {
    json reasons = json::array();
    for (const auto& reason : r.recommendation.reasons) {
        json params = json::object();
        for (const auto& param : reason.params) {
            std::visit([&](const auto& value) { params[param.name] = value; }, param.value);
        }
        reasons.push_back({{"code", to_string(reason.code)}, {"params", params}});
    }
    return {{"counterpart_id", r.counterpart_id},
            {"counterpart_org_name", r.counterpart_org_name},
            {"counterpart_org_name_en", r.counterpart_org_name_en},
            {"counterpart_person", r.counterpart_person},
            {"their_rating", to_string(r.by_other_side)},
            {"score", r.recommendation.score},
            {"points", r.recommendation.points},
            {"reasons", reasons}};
}

namespace {

json note_json(const fair::ScheduleNote& n) {
    return {{"kind", to_string(n.kind)},
            {"exhibitor_id", or_null(n.exhibitor_id)},
            {"buyer_id", or_null(n.buyer_id)},
            {"participant_id", or_null(n.participant_id)},
            {"meeting_id", or_null(n.meeting_id)},
            {"reason", or_null(n.reason)},
            {"vetoed_must_meet", n.vetoed},
            {"meetings_min", n.meetings_min},
            {"scheduled", n.scheduled},
            {"before_slot_id", or_null(n.before_slot_id)},
            {"before_table_id", or_null(n.before_table_id)},
            {"after_slot_id", or_null(n.after_slot_id)},
            {"after_table_id", or_null(n.after_table_id)}};
}

json notes_json(const std::vector<fair::ScheduleNote>& notes) {
    json out = json::array();
    for (const auto& note : notes) out.push_back(note_json(note));
    return out;
}

}  // namespace

json schedule_json(const fair::ScheduleRun& run) {
    return {{"id", run.id},
            {"event_id", run.event_id},
            {"status", to_string(run.status)},
            {"based_on", or_null(run.based_on)},
            {"published", run.published},
            {"solve_time_ms", run.solve_time_ms},
            {"method", run.method ? json(to_string(*run.method)) : json(nullptr)},
            {"meetings", run.meeting_count},
            {"weight", run.weight},
            {"weight_bound", run.weight_bound},
            {"gap", run.gap},
            {"optimal", run.optimal},
            {"must_meets_met", run.must_meets_met},
            {"must_meets_bound", run.must_meets_bound},
            {"error", or_null(run.error)},
            {"created_at", format_utc_iso8601(run.created_at_ms)},
            {"finished_at", run.finished_at_ms ? json(format_utc_iso8601(*run.finished_at_ms)) : json(nullptr)},
            {"notes", notes_json(run.notes)}};
}

json stored_meeting_json(const fair::StoredMeeting& m) {
    return {{"id", m.id}, {"exhibitor_id", m.exhibitor_id}, {"buyer_id", m.buyer_id}, {"slot_id", m.slot_id},
            {"table_id", m.table_id}, {"weight", m.weight}};
}

json agenda_json(const fair::Agenda& agenda) {
    json meetings = json::array();
    for (const auto& m : agenda.meetings) {
        meetings.push_back({{"meeting_id", m.meeting_id},
                            {"slot", slot_json(m.slot)},
                            {"table_number", m.table_number},
                            {"counterpart_id", m.counterpart_id},
                            {"counterpart_org_name", m.counterpart_org_name},
                            {"counterpart_org_name_en", m.counterpart_org_name_en},
                            {"counterpart_person", m.counterpart_person},
                            {"product_ids", ids_json(m.product_ids)}});
    }
    return {{"participant", attendee_json(agenda.participant)},
            {"schedule_id", or_null(agenda.schedule_id)},
            {"meetings", meetings},
            {"notes", notes_json(agenda.notes)}};
}

void add_fair_schemas(Router& router) {
    const json minutes = integer_schema(0, fair::minutes_per_day);
    router.add_schema("FairEventInput",
                      object_schema({"kind", "name_zh", "name_en", "venue", "starts_on", "ends_on"},
                                    {{"kind", enum_of<fair::EventKind>()},
                                     {"name_zh", string_schema(1, fair::name_chars_max)},
                                     {"name_en", string_schema(1, fair::name_chars_max)},
                                     {"venue", string_schema(1, fair::name_chars_max)},
                                     {"starts_on", date_schema()},
                                     {"ends_on", date_schema()},
                                     {"slot_minutes", integer_schema(fair::slot_minutes_min, fair::slot_minutes_max, "default 20")},
                                     {"break_minutes", integer_schema(0, fair::break_minutes_max, "default 5")},
                                     {"weight_buyer_must_meet", integer_schema(0, fair::rating_weight_max, "default 60")},
                                     {"weight_buyer_meet", integer_schema(0, fair::rating_weight_max, "default 30")},
                                     {"weight_exhibitor_must_meet", integer_schema(0, fair::rating_weight_max, "default 40")},
                                     {"weight_exhibitor_meet", integer_schema(0, fair::rating_weight_max, "default 20")},
                                     {"weight_recommendation_max",
                                      integer_schema(0, fair::rating_weight_max, "default 10; at most either meet weight")},
                                     {"organiser_ids", id_array_schema()}},
                                    true)
                          .dump());
    router.add_schema("FairEvent",
                      object_schema({{"id", string_schema()},
                                     {"kind", enum_of<fair::EventKind>()},
                                     {"name_zh", string_schema()},
                                     {"name_en", string_schema()},
                                     {"venue", string_schema()},
                                     {"starts_on", date_schema()},
                                     {"ends_on", date_schema()},
                                     {"time_zone", string_schema()},
                                     {"state", enum_of<fair::EventState>()},
                                     {"slot_minutes", integer_schema()},
                                     {"break_minutes", integer_schema()},
                                     {"weights", object_schema({{"buyer_must_meet", integer_schema()},
                                                                {"buyer_meet", integer_schema()},
                                                                {"exhibitor_must_meet", integer_schema()},
                                                                {"exhibitor_meet", integer_schema()},
                                                                {"recommendation_max", integer_schema()}})},
                                     {"published_schedule_id", nullable(string_schema())},
                                     {"organiser_ids", id_array_schema()},
                                     {"created_at", date_time_schema()}})
                          .dump());
    router.add_schema("FairEventPage", page_of("FairEvent").dump());
    router.add_schema("FairOrganiserInput", object_schema({"user_id"}, {{"user_id", string_schema(1, 64)}}, true).dump());
    router.add_schema("FairStateInput", object_schema({"state"}, {{"state", enum_of<fair::EventState>()}}, true).dump());
    router.add_schema("FairSessionInput",
                      object_schema({"held_on", "starts_at", "ends_at"},
                                    {{"held_on", date_schema()},
                                     {"starts_at", string_schema(5, 5)},
                                     {"ends_at", string_schema(5, 5)}},
                                    true)
                          .dump());
    const json slot = object_schema({{"id", string_schema()},
                                     {"session_id", string_schema()},
                                     {"held_on", date_schema()},
                                     {"starts_min", minutes},
                                     {"ends_min", minutes},
                                     {"starts_at", string_schema()},
                                     {"ends_at", string_schema()}});
    router.add_schema("FairSlot", slot.dump());
    router.add_schema("FairSlotList", object_schema({{"items", array_of(ref_schema("FairSlot"))}}).dump());
    router.add_schema("FairSession", object_schema({{"id", string_schema()},
                                                    {"held_on", date_schema()},
                                                    {"starts_min", minutes},
                                                    {"ends_min", minutes},
                                                    {"starts_at", string_schema()},
                                                    {"ends_at", string_schema()},
                                                    {"slots", array_of(ref_schema("FairSlot"))}})
                                         .dump());
    router.add_schema("FairSessionList", object_schema({{"items", array_of(ref_schema("FairSession"))}}).dump());
    router.add_schema("FairTableInput", object_schema({"number"},
                                                      {{"number", integer_schema(1, fair::tables_max)},
                                                       {"owner_participant_id", nullable(string_schema(1, 64))}},
                                                      true)
                                            .dump());
    router.add_schema("FairTable", object_schema({{"id", string_schema()},
                                                  {"number", integer_schema()},
                                                  {"owner_participant_id", nullable(string_schema())}})
                                       .dump());
    router.add_schema("FairTableList", object_schema({{"items", array_of(ref_schema("FairTable"))}}).dump());
    router.add_schema("FairParticipantInput",
                      object_schema({"side", "org_id", "meetings_min", "meetings_max"},
                                    {{"side", enum_of<fair::Side>()},
                                     {"org_id", string_schema(1, 64)},
                                     {"person_name", string_schema(0, fair::name_chars_max)},
                                     {"title", string_schema(0, fair::name_chars_max)},
                                     {"phone", string_schema(0, fair::phone_chars_max)},
                                     {"booth", string_schema(0, fair::name_chars_max)},
                                     {"product_ids", id_array_schema()},
                                     {"slot_ids", id_array_schema()},
                                     {"meetings_min", integer_schema(0, fair::slot_count_max)},
                                     {"meetings_max", integer_schema(0, fair::slot_count_max, "at least meetings_min")}},
                                    true)
                          .dump());
    router.add_schema("FairParticipant", object_schema({{"id", string_schema()},
                                                        {"event_id", string_schema()},
                                                        {"side", enum_of<fair::Side>()},
                                                        {"org_id", string_schema()},
                                                        {"org_name", string_schema()},
                                                        {"org_name_en", string_schema()},
                                                        {"person_name", string_schema()},
                                                        {"title", string_schema()},
                                                        {"phone", string_schema()},
                                                        {"booth", string_schema()},
                                                        {"meetings_min", integer_schema()},
                                                        {"meetings_max", integer_schema()},
                                                        {"product_ids", id_array_schema()},
                                                        {"slot_ids", id_array_schema()},
                                                        {"checked_in_at", nullable(date_time_schema())},
                                                        {"withdrawn", json{{"type", "boolean"}}}})
                                             .dump());
    router.add_schema("FairParticipantPage", page_of("FairParticipant").dump());
    router.add_schema("FairImportSummary", object_schema({{"rows", integer_schema()},
                                                          {"registered", array_of(ref_schema("FairParticipant"))}})
                                               .dump());
    router.add_schema("FairRatingInput", object_schema({"rating"},
                                                       {{"rating", enum_of<fair::Rating>()},
                                                        {"note", string_schema(0, fair::note_chars_max)}},
                                                       true)
                                             .dump());
    router.add_schema("FairRating", object_schema({{"counterpart_id", string_schema()},
                                                   {"rating", enum_of<fair::Rating>()},
                                                   {"note", string_schema()}})
                                        .dump());
    router.add_schema("FairRecommendation",
                      object_schema({{"counterpart_id", string_schema()},
                                     {"counterpart_org_name", string_schema()},
                                     {"counterpart_org_name_en", string_schema()},
                                     {"counterpart_person", string_schema()},
                                     {"their_rating", enum_of<fair::Rating>()},
                                     {"score", integer_schema(0, fair::rating_weight_max, "the pair's weight where a side said nothing")},
                                     {"points", integer_schema(0, fair::recommendation_points_max)},
                                     {"reasons", array_of(object_schema({{"code", enum_of<fair::ReasonCode>()},
                                                                         {"params", json{{"type", "object"}}}}))}})
                          .dump());
    router.add_schema("FairRecommendationList", object_schema({{"items", array_of(ref_schema("FairRecommendation"))}}).dump());
    const json note = object_schema({{"kind", enum_of<fair::NoteKind>()},
                                     {"exhibitor_id", nullable(string_schema())},
                                     {"buyer_id", nullable(string_schema())},
                                     {"participant_id", nullable(string_schema())},
                                     {"meeting_id", nullable(string_schema())},
                                     {"reason", nullable(string_schema())},
                                     {"vetoed_must_meet", json{{"type", "boolean"}}},
                                     {"meetings_min", integer_schema()},
                                     {"scheduled", integer_schema()},
                                     {"before_slot_id", nullable(string_schema())},
                                     {"before_table_id", nullable(string_schema())},
                                     {"after_slot_id", nullable(string_schema())},
                                     {"after_table_id", nullable(string_schema())}});
    router.add_schema("FairScheduleNote", note.dump());
    router.add_schema("FairScheduleInput",
                      object_schema(json::array(), {{"solve_time_ms", integer_schema(1, fair::solve_time_ms_max, "default 10000")}}, true).dump());
    router.add_schema("FairSchedule", object_schema({{"id", string_schema()},
                                                     {"event_id", string_schema()},
                                                     {"status", enum_of<fair::ScheduleStatus>()},
                                                     {"based_on", nullable(string_schema())},
                                                     {"published", json{{"type", "boolean"}}},
                                                     {"solve_time_ms", integer_schema()},
                                                     {"method", nullable(enum_of<fair::SolveMethod>())},
                                                     {"meetings", integer_schema()},
                                                     {"weight", integer_schema()},
                                                     {"weight_bound", integer_schema()},
                                                     {"gap", integer_schema()},
                                                     {"optimal", json{{"type", "boolean"}}},
                                                     {"must_meets_met", integer_schema()},
                                                     {"must_meets_bound", integer_schema()},
                                                     {"error", nullable(string_schema())},
                                                     {"created_at", date_time_schema()},
                                                     {"finished_at", nullable(date_time_schema())},
                                                     {"notes", array_of(ref_schema("FairScheduleNote"))}})
                                          .dump());
    router.add_schema("FairSchedulePage", page_of("FairSchedule").dump());
    router.add_schema("FairMeeting", object_schema({{"id", string_schema()},
                                                    {"exhibitor_id", string_schema()},
                                                    {"buyer_id", string_schema()},
                                                    {"slot_id", string_schema()},
                                                    {"table_id", string_schema()},
                                                    {"weight", integer_schema()}})
                                         .dump());
    router.add_schema("FairMeetingPage", page_of("FairMeeting").dump());
    router.add_schema("FairAgenda",
                      object_schema({{"participant", ref_schema("FairParticipant")},
                                     {"schedule_id", nullable(string_schema())},
                                     {"meetings", array_of(object_schema({{"meeting_id", string_schema()},
                                                                          {"slot", ref_schema("FairSlot")},
                                                                          {"table_number", integer_schema()},
                                                                          {"counterpart_id", string_schema()},
                                                                          {"counterpart_org_name", string_schema()},
                                                                          {"counterpart_org_name_en", string_schema()},
                                                                          {"counterpart_person", string_schema()},
                                                                          {"product_ids", id_array_schema()}}))},
                                     {"notes", array_of(ref_schema("FairScheduleNote"))}})
                          .dump());
    router.add_schema("FairRatingList", object_schema({{"items", array_of(ref_schema("FairRating"))}}).dump());
}

}  // namespace kl::http::fair_json
