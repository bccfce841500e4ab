// Edits of the event layer (fair_service.h: EventPatch, AttendeePatch, delete_table,
// delete_session): each validated field by field as registration is, audited, and refused in the
// states where it would invalidate what the scheduler was given or what it published.
#include <algorithm>

#include "core/field_errors.h"
#include "core/identifier.h"
#include "fair/edit_repo.h"
#include "fair/fair_access.h"
#include "fair/fair_checks.h"
#include "fair/fair_repo.h"
#include "fair/fair_service.h"

namespace kl::fair {

namespace {

using audit::CanonicalJson;

// The states in which the scheduler's input may change without touching a published schedule.
constexpr std::initializer_list<EventState> planning = {EventState::draft, EventState::registration, EventState::scheduling};

template <typename T>
void take(std::optional<T> given, T& field, std::vector<std::string>& changed, const char* name) {
    if (!given || *given == field) return;
    field = std::move(*given);
    changed.emplace_back(name);
}

// The patch applied to `event`; the names of the fields it changed.
std::vector<std::string> apply(const EventPatch& patch, Event& event) {
    std::vector<std::string> changed;
    take(patch.name_zh, event.name_zh, changed, "name_zh");
    take(patch.name_en, event.name_en, changed, "name_en");
    take(patch.venue, event.venue, changed, "venue");
    take(patch.starts_on, event.starts_on, changed, "starts_on");
    take(patch.ends_on, event.ends_on, changed, "ends_on");
    take(patch.slot_minutes, event.slot_minutes, changed, "slot_minutes");
    take(patch.break_minutes, event.break_minutes, changed, "break_minutes");
    RatingWeights& w = event.weights;
    take(patch.weight_buyer_must_meet, w.buyer_must_meet, changed, "weight_buyer_must_meet");
    take(patch.weight_buyer_meet, w.buyer_meet, changed, "weight_buyer_meet");
    take(patch.weight_exhibitor_must_meet, w.exhibitor_must_meet, changed, "weight_exhibitor_must_meet");
    take(patch.weight_exhibitor_meet, w.exhibitor_meet, changed, "weight_exhibitor_meet");
    take(patch.weight_recommendation_max, w.recommendation_max, changed, "weight_recommendation_max");
    return changed;
}

std::vector<std::string> apply(const AttendeePatch& patch, Attendee& attendee) {
    std::vector<std::string> changed;
    take(patch.person_name, attendee.person_name, changed, "person_name");
    take(patch.title, attendee.title, changed, "title");
    take(patch.phone, attendee.phone, changed, "phone");
    take(patch.booth, attendee.booth, changed, "booth");
    take(patch.product_ids, attendee.product_ids, changed, "product_ids");
    take(patch.slot_ids, attendee.slot_ids, changed, "slot_ids");
    take(patch.meetings_min, attendee.meetings_min, changed, "meetings_min");
    take(patch.meetings_max, attendee.meetings_max, changed, "meetings_max");
    return changed;
}

bool touches(const std::vector<std::string>& changed, std::initializer_list<const char*> fields) {
    return std::any_of(fields.begin(), fields.end(),
                       [&](const char* f) { return std::find(changed.begin(), changed.end(), f) != changed.end(); });
}

// Dates, slot length and break against the sessions the event already has.
Result<void> check_against_sessions(store::Tx& tx, const Event& event, const std::vector<std::string>& changed) {
    KL_TRY_ASSIGN(std::vector<Session> sessions, select_sessions(tx, event.id));
    if (sessions.empty()) return ok();
    for (const char* field : {"slot_minutes", "break_minutes"}) {
        if (touches(changed, {field})) {
            return fail_field(field, ProblemCode::invalid_value,
                              "the event's sessions have generated their slots already: delete the sessions first");
        }
    }
    for (const auto& session : sessions) {
        if (session.held_on < event.starts_on) {
            return fail_field("starts_on", ProblemCode::outside_event_dates, "a session of the event is held before it",
                              {{"from", format_date(session.held_on)}, {"to", format_date(event.ends_on)}});
        }
        if (event.ends_on < session.held_on) {
            return fail_field("ends_on", ProblemCode::outside_event_dates, "a session of the event is held after it",
                              {{"from", format_date(event.starts_on)}, {"to", format_date(session.held_on)}});
        }
    }
    return ok();
}

}  // namespace

Result<Event> FairService::update_event(const Actor& actor, const std::string& event_id, const EventPatch& patch) {
    return store_.write([&](store::Tx& tx) -> Result<Event> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY(require_state(event, {EventState::draft, EventState::registration, EventState::scheduling, EventState::published,
                                     EventState::live},
                             "update"));
        Event edited = event;
        const std::vector<std::string> changed = apply(patch, edited);
        if (changed.empty()) return event;
        const bool plan = touches(changed, {"starts_on", "ends_on", "slot_minutes", "break_minutes", "weight_buyer_must_meet",
                                            "weight_buyer_meet", "weight_exhibitor_must_meet", "weight_exhibitor_meet",
                                            "weight_recommendation_max"});
        if (plan) KL_TRY(require_state(event, planning, "change_dates_or_weights"));
        FieldErrors errors;
        check_event_fields(edited, errors);
        KL_TRY(errors.finish());
        KL_TRY(check_against_sessions(tx, edited, changed));
        KL_TRY(update_event_fields(tx, edited));
        KL_TRY(audit_change(audit_, tx, actor, "fair_event.update", "fair_event", event_id,
                            CanonicalJson()
                                .add("fields", changed)
                                .add("name_zh", edited.name_zh)
                                .add("name_en", edited.name_en)
                                .add("venue", edited.venue)
                                .add("starts_on", format_date(edited.starts_on))
                                .add("ends_on", format_date(edited.ends_on))));
        return load_event(tx, event_id);
    });
}

Result<Attendee> FairService::update_attendee(const Actor& actor, const std::string& event_id, const std::string& id,
                                              const AttendeePatch& patch) {
    return store_.write([&](store::Tx& tx) -> Result<Attendee> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(Attendee found, load_attendee(tx, event_id, id));
        if (is_organiser(actor, event)) {
            KL_TRY(require_state(event, {EventState::draft, EventState::registration, EventState::scheduling, EventState::published,
                                         EventState::live},
                                 "update"));
        } else if (speaks_for(actor, found)) {
            KL_TRY(require_state(event, {EventState::registration}, "update"));
        } else {
            return fail(ErrorCode::permission_denied, ProblemCode::permission_denied,
                        "a participant is edited by the organisers or, while registration is open, its own organisation");
        }
        if (found.withdrawn) return fail(ErrorCode::conflict, ProblemCode::conflict, "the participant has withdrawn");
        Attendee edited = found;
        const std::vector<std::string> changed = apply(patch, edited);
        if (changed.empty()) return found;
        if (touches(changed, {"slot_ids", "meetings_min", "meetings_max"})) {
            KL_TRY(require_state(event, {EventState::draft, EventState::registration, EventState::scheduling, EventState::published},
                                 "change_availability_or_caps"));
        }
        FieldErrors errors;
        check_attendee_fields(edited, errors);
        KL_TRY(errors.finish());
        const auto key_of = [](const Attendee& a) { return a.side == Side::buyer ? identifier_key(a.person_name) : std::string(); };
        const std::string person_key = key_of(edited);
        if (touches(changed, {"product_ids"})) KL_TRY(check_products(tx, edited, errors));
        KL_TRY_ASSIGN(std::vector<EventSlot> event_slots, select_slots(tx, event_id));
        if (touches(changed, {"slot_ids"})) check_slots(edited, event_slots, errors);
        KL_TRY(errors.finish());
        const bool new_person = person_key != key_of(found);
        if (new_person) KL_TRY(check_identity_free(tx, edited, person_key, errors));
        if (new_person || touches(changed, {"slot_ids"})) KL_TRY(check_clash(tx, edited, person_key, event_slots, errors));
        KL_TRY(errors.finish());
        KL_TRY(update_attendee_fields(tx, edited, person_key));
        KL_TRY(audit_change(audit_, tx, actor, "fair_participant.update", "fair_participant", id,
                            attendee_audit(edited).add("fields", changed)));
        return load_attendee(tx, event_id, id);
    });
}

Result<void> FairService::delete_table(const Actor& actor, const std::string& event_id, const std::string& table_id) {
    return store_.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY(require_state(event, planning, "delete_table"));
        KL_TRY_ASSIGN(std::vector<EventTable> tables, select_tables(tx, event_id));
        const auto table = std::find_if(tables.begin(), tables.end(), [&](const EventTable& t) { return t.id == table_id; });
        if (table == tables.end()) return fail(ErrorCode::not_found, ProblemCode::not_found, "table " + table_id + " not found in this event");
        KL_TRY_ASSIGN(int64_t seated, meetings_at_table(tx, table_id));
        if (seated > 0) {
            return fail(ErrorCode::conflict, ProblemCode::refused,
                        "a schedule run seats " + std::to_string(seated) + " meetings at this table; it stays");
        }
        KL_TRY(delete_table_row(tx, table_id));
        KL_TRY(audit_change(audit_, tx, actor, "fair_table.delete", "fair_table", table_id,
                            CanonicalJson().add("event_id", event_id).add("number", table->number)));
        return ok();
    });
}

Result<void> FairService::delete_session(const Actor& actor, const std::string& event_id, const std::string& session_id) {
    return store_.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY(require_state(event, planning, "delete_session"));
        KL_TRY_ASSIGN(std::vector<Session> sessions, select_sessions(tx, event_id));
        const auto session = std::find_if(sessions.begin(), sessions.end(), [&](const Session& s) { return s.id == session_id; });
        if (session == sessions.end()) {
            return fail(ErrorCode::not_found, ProblemCode::not_found, "session " + session_id + " not found in this event");
        }
        KL_TRY_ASSIGN(int64_t seated, meetings_in_session(tx, session_id));
        if (seated > 0) {
            return fail(ErrorCode::conflict, ProblemCode::refused,
                        "a schedule run holds " + std::to_string(seated) + " meetings in this session's slots; it stays");
        }
        // Removing slots a participant named would widen or empty its availability behind its back.
        KL_TRY_ASSIGN(int64_t naming, attendees_naming_session(tx, session_id));
        if (naming > 0) {
            return fail(ErrorCode::conflict, ProblemCode::refused,
                        std::to_string(naming) + " participants name this session's slots in their availability; change theirs first");
        }
        KL_TRY(delete_session_rows(tx, session_id));
        KL_TRY(audit_change(audit_, tx, actor, "fair_session.delete", "fair_session", session_id,
                            CanonicalJson().add("event_id", event_id).add("held_on", format_date(session->held_on))));
        return ok();
    });
}

}  // namespace kl::fair
