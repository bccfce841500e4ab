#include "fair/fair_access.h"

#include <algorithm>

#include "access/permissions.h"
#include "fair/fair_repo.h"
#include "fair/schedule_repo.h"

namespace kl::fair {

bool is_organiser(const Actor& actor, const Event& event) {
    if (!actor || actor->role == access::Role::admin) return true;
    return std::find(event.organiser_ids.begin(), event.organiser_ids.end(), actor->user_id) != event.organiser_ids.end();
}

bool speaks_for(const Actor& actor, const Attendee& attendee) {
    if (!actor || !actor->org_id || *actor->org_id != attendee.org_id) return false;
    return actor->role == (attendee.side == Side::exhibitor ? access::Role::producer : access::Role::buyer);
}

bool reads_private(const Actor& actor, const Event& event, const Attendee& attendee) {
    if (is_organiser(actor, event) || speaks_for(actor, attendee)) return true;
    return actor->role == access::Role::fund_officer || actor->role == access::Role::auditor;
}


Result<void> require_organiser(const Actor& actor, const Event& event) {
    if (is_organiser(actor, event)) return ok();
    return fail(ErrorCode::permission_denied, "only the event's organisers (and admins) may do this");
}

Result<void> require_private_reader(const Actor& actor, const Event& event, const Attendee& attendee) {
    if (reads_private(actor, event, attendee)) return ok();
    return fail(ErrorCode::permission_denied, "a participant's preferences and agenda are for its own organisation and the organisers");
}

bool reads_schedules(const Actor& actor, const Event& event) {
    if (is_organiser(actor, event)) return true;
    return actor->role == access::Role::fund_officer || actor->role == access::Role::auditor;
}

Result<void> require_schedule_reader(const Actor& actor, const Event& event) {
    if (reads_schedules(actor, event)) return ok();
    return fail(ErrorCode::permission_denied,
                "a whole schedule is for the organisers; participants read their own agenda (…/participants/{pid}/agenda)");
}

Result<ScheduleRun> load_schedule(store::Tx& tx, const std::string& event_id, const std::string& id) {
    KL_TRY_ASSIGN(std::optional<ScheduleRun> found, find_schedule(tx, id));
    if (!found || found->event_id != event_id) {
        return fail(ErrorCode::not_found, ProblemCode::not_found, "schedule " + id + " not found in this event");
    }
    return std::move(*found);
}

Result<Event> load_event(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(std::optional<Event> found, find_event(tx, id));
    if (!found) return fail(ErrorCode::not_found, ProblemCode::not_found, "event " + id + " not found");
    return std::move(*found);
}

Result<Attendee> load_attendee(store::Tx& tx, const std::string& event_id, const std::string& id) {
    KL_TRY_ASSIGN(std::optional<Attendee> found, find_attendee(tx, id));
    if (!found || found->event_id != event_id) {
        return fail(ErrorCode::not_found, ProblemCode::not_found, "participant " + id + " not found in this event");
    }
    return std::move(*found);
}

Result<void> require_state(const Event& event, std::initializer_list<EventState> states, std::string_view action) {
    if (std::find(states.begin(), states.end(), event.state) != states.end()) return ok();
    return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                std::string(action) + " is not possible while the event is " + std::string(to_string(event.state)),
                {{"record", "fair_event"}, {"status", to_string(event.state)}, {"action", action}});
}

Result<void> audit_change(audit::AuditTrail& trail, store::Tx& tx, const Actor& actor, std::string action,
                          std::string record_type, std::string record_id, const audit::CanonicalJson& body) {
    KL_TRY(trail.append(tx, audit::AuditEvent{actor_name(actor), std::move(action), std::move(record_type),
                                              std::move(record_id), body.str()}));
    return ok();
}

}  // namespace kl::fair
