#pragma once
// Who may do what with an event (internal to src/fair), shared by FairService and ScheduleService:
// see fair_service.h for the table. Loaders answer not_found for a record the caller names wrongly
// (a participant of another event is not found in this one).

#include <optional>
#include <string>

#include "access/principal.h"
#include "audit/audit_trail.h"
#include "audit/canonical_json.h"
#include "fair/fair_types.h"
#include "store/store.h"

namespace kl::fair {

using Actor = std::optional<access::Principal>;

using access::actor_name;  // the audit trail's name of the actor (access/principal.h)
// Admins, and users the event names as organisers; the command line (no actor) too.
bool is_organiser(const Actor& actor, const Event& event);
// A user of the participant's own organisation in the role of its side (producer: exhibitor; buyer: buyer).
bool speaks_for(const Actor& actor, const Attendee& attendee);
// Organisers, programme-wide readers (fund officer, auditor) and the participant's own organisation.
bool reads_private(const Actor& actor, const Event& event, const Attendee& attendee);

// Organisers and programme-wide readers (fund officer, auditor): whole schedules and table plans.
bool reads_schedules(const Actor& actor, const Event& event);

Result<void> require_organiser(const Actor& actor, const Event& event);
Result<void> require_private_reader(const Actor& actor, const Event& event, const Attendee& attendee);

Result<void> require_schedule_reader(const Actor& actor, const Event& event);

Result<Event> load_event(store::Tx& tx, const std::string& id);
Result<Attendee> load_attendee(store::Tx& tx, const std::string& event_id, const std::string& id);
// A schedule run of the event, with its notes (not_found for another event's).
Result<ScheduleRun> load_schedule(store::Tx& tx, const std::string& event_id, const std::string& id);
// conflict (wrong_state) unless the event is in one of `states`.
Result<void> require_state(const Event& event, std::initializer_list<EventState> states, std::string_view action);

Result<void> audit_change(audit::AuditTrail& trail, store::Tx& tx, const Actor& actor, std::string action,
                          std::string record_type, std::string record_id, const audit::CanonicalJson& body);

}  // namespace kl::fair
