#pragma once
// Fair and matchmaking events (issue 15, items 1–3): the event with its sessions, generated slots
// and tables and its state; participants (exhibitors and buyer representatives) with availability,
// caps and check-in, registered one by one or from a CSV file; both sides' ratings of each other.
//
// Who may:
//   create an event, name organisers           admin
//   sessions, tables, state, check-in, import  the event's organisers (admins and the users it names)
//   register a participant                     organisers (draft, registration, scheduling); the
//                                              participant's own organisation's user (producer for an
//                                              exhibitor, buyer for a buyer) while registration is open
//   rate, withdraw                             organisers, or the participant's own organisation's user
//   edit an event, delete a table or session   the event's organisers (rules at EventPatch, delete_*)
//   edit a participant                         organisers; its own organisation while registration is open
//   read events, slots, tables, participants   every signed-in user (a participant's phone only for
//                                              organisers and its own organisation)
//   read a participant's ratings               organisers, programme-wide readers, its own organisation
// State moves one step forward (draft → registration → scheduling → published → live → closed);
// `published` is reached only by publishing a schedule (ScheduleService::publish).
// Every change is appended to the audit trail.

#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "audit/audit_trail.h"
#include "core/clock.h"
#include "core/ids.h"
#include "fair/fair_types.h"
#include "fair/recommend.h"
#include "store/store.h"

namespace kl::fair {

using Actor = std::optional<access::Principal>;

struct EventPage {
    std::vector<Event> items;
    std::optional<std::string> next_cursor;
};
struct AttendeePage {
    std::vector<Attendee> items;
    std::optional<std::string> next_cursor;
};
struct SessionAdded {
    Session session;
    std::vector<EventSlot> slots;
};
// A counterpart the participant said nothing about, with the platform's score for the pair and why.
struct PairRecommendation {
    std::string counterpart_id, counterpart_org_name, counterpart_org_name_en, counterpart_person;
    Rating by_other_side = Rating::none;  // the counterpart's rating of this participant (shown to organisers only)
    Recommendation recommendation;
};

// An edit of an event (PATCH): each field given replaces the stored one. Rules (fair_edit.cpp):
// names and venue until the event is closed; dates and weights while it is draft, registration or
// scheduling (dates must keep every session inside them); slot length and break only while no
// session has generated slots.
struct EventPatch {
    std::optional<std::string> name_zh, name_en, venue;
    std::optional<Date> starts_on, ends_on;
    std::optional<int64_t> slot_minutes, break_minutes;
    std::optional<int64_t> weight_buyer_must_meet, weight_buyer_meet, weight_exhibitor_must_meet, weight_exhibitor_meet,
        weight_recommendation_max;
};
// An edit of a participant (PATCH). Person fields, booth and products until the event is closed;
// availability and caps while draft, registration or scheduling, and by organisers while published
// (the published schedule stays as it is until the next run, which keeps every meeting still
// possible and reports each one it moves or drops, with the reason, to both sides); never while
// live or closed. A participant's own organisation edits it while registration is open.
struct AttendeePatch {
    std::optional<std::string> person_name, title, phone, booth;
    std::optional<std::vector<std::string>> product_ids, slot_ids;
    std::optional<int64_t> meetings_min, meetings_max;
};

struct ImportSummary {
    int64_t rows = 0;
    std::vector<Attendee> registered;
};

class FairService {
public:
    FairService(store::Store& store, const Clock& clock, IdGenerator& ids, audit::AuditTrail& audit)
        : store_(store), clock_(clock), ids_(ids), audit_(audit) {}

    // `input`: kind, names, venue, dates, slot length, break, weights, organiser_ids; stored in draft.
    Result<Event> create_event(const Actor& actor, const Event& input);
    Result<Event> event(const Actor& actor, const std::string& id);
    Result<EventPage> events(const Actor& actor, int limit, const std::optional<std::string>& cursor);
    Result<Event> add_organiser(const Actor& actor, const std::string& event_id, const std::string& user_id);
    // One step forward; conflict (wrong_state) for anything else.
    Result<Event> move_state(const Actor& actor, const std::string& event_id, EventState to);

    // A day's block: its slots are generated (slot length, then the break) and stored.
    Result<SessionAdded> add_session(const Actor& actor, const std::string& event_id, Date held_on, int64_t starts_min,
                                     int64_t ends_min);
    Result<std::vector<Session>> sessions(const Actor& actor, const std::string& event_id);
    Result<std::vector<EventSlot>> slots(const Actor& actor, const std::string& event_id);
    Result<EventTable> add_table(const Actor& actor, const std::string& event_id, int64_t number,
                                 const std::optional<std::string>& owner_participant_id);
    Result<std::vector<EventTable>> tables(const Actor& actor, const std::string& event_id);

    // `input`: side, org_id, person (buyers), booth and product_ids (exhibitors), caps, slot_ids.
    Result<Attendee> register_attendee(const Actor& actor, const std::string& event_id, const Attendee& input);
    // `org_id`: only that organisation's participants (an organisation's user finds its own registrations).
    Result<AttendeePage> attendees(const Actor& actor, const std::string& event_id, std::optional<Side> side,
                                   const std::optional<std::string>& org_id, int limit, const std::optional<std::string>& cursor);
    Result<Attendee> attendee(const Actor& actor, const std::string& event_id, const std::string& id);
    Result<Attendee> check_in(const Actor& actor, const std::string& event_id, const std::string& id);
    Result<Attendee> withdraw(const Actor& actor, const std::string& event_id, const std::string& id);
    // The CSV (columns: side, org, person_name, title, phone, booth, products, meetings_min,
    // meetings_max, slots) registers every row or none; `org` is an organisation id or credit code;
    // `products` and `slots` are ';' lists of ids (slots: empty = every slot).
    Result<ImportSummary> import_csv(const Actor& actor, const std::string& event_id, const std::string& csv_text);

    // `rater` rates `counterpart` (a participant of the other side of the same event).
    Result<Rated> rate(const Actor& actor, const std::string& event_id, const std::string& rater_id,
                       const std::string& counterpart_id, Rating rating, const std::string& note);
    // The ratings `rater` gave (counterparts it said nothing about are left out).
    Result<std::vector<Rated>> ratings(const Actor& actor, const std::string& event_id, const std::string& rater_id);

    // The counterparts `participant_id` has not rated whose score is above zero, best first (same
    // readers as ratings()).
    Result<std::vector<PairRecommendation>> recommendations(const Actor& actor, const std::string& event_id,
                                                            const std::string& participant_id);

    // ---- edits (fair_edit.cpp) ----
    Result<Event> update_event(const Actor& actor, const std::string& event_id, const EventPatch& patch);
    Result<Attendee> update_attendee(const Actor& actor, const std::string& event_id, const std::string& id, const AttendeePatch& patch);
    // Before any schedule run seats a meeting at it (organisers; draft, registration or scheduling).
    Result<void> delete_table(const Actor& actor, const std::string& event_id, const std::string& table_id);
    // A session and its slots, before any run seats a meeting in them and while no participant's
    // availability names them (organisers; draft, registration or scheduling).
    Result<void> delete_session(const Actor& actor, const std::string& event_id, const std::string& session_id);

private:
    Result<Attendee> register_in(store::Tx& tx, const Actor& actor, const Event& event, const Attendee& input);

    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    audit::AuditTrail& audit_;
};

// The slots of a session [starts_min, ends_min): slot_minutes each, break_minutes between, as many
// as fit whole (ids left empty).
std::vector<EventSlot> slots_of_session(const Session& session, int64_t slot_minutes, int64_t break_minutes);

}  // namespace kl::fair
