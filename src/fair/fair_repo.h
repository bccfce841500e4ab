#pragma once
// The SQL of events, participants and preferences (internal to src/fair): lookups, inserts and
// pages that run inside a caller's transaction, with no permission checks (FairService checks
// first). The schedules' SQL is in schedule_repo.h.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fair/fair_types.h"
#include "store/store.h"

namespace kl::fair {

// ---- events ----------------------------------------------------------------------------------------
Result<void> insert_event(store::Tx& tx, const Event& event, const std::string& created_by);
Result<std::optional<Event>> find_event(store::Tx& tx, const std::string& id);
Result<void> update_event_state(store::Tx& tx, const std::string& id, EventState state);
Result<void> set_published_schedule(store::Tx& tx, const std::string& event_id, const std::string& schedule_id);
Result<void> insert_organiser(store::Tx& tx, const std::string& event_id, const std::string& user_id);
// A page of events in id order after `after` (page_rows_to_fetch(limit) rows at most).
Result<std::vector<Event>> select_events(store::Tx& tx, const std::optional<std::string>& after, int limit);
// Whether the user exists and is not disabled.
Result<bool> user_exists(store::Tx& tx, const std::string& user_id);

Result<void> insert_session(store::Tx& tx, const Session& session);
Result<std::vector<Session>> select_sessions(store::Tx& tx, const std::string& event_id);
Result<void> insert_slots(store::Tx& tx, const std::string& event_id, const std::vector<EventSlot>& slots);
// The event's slots in time order (the scheduler's slot indexes).
Result<std::vector<EventSlot>> select_slots(store::Tx& tx, const std::string& event_id);
Result<void> insert_table(store::Tx& tx, const std::string& event_id, const EventTable& table);
Result<std::vector<EventTable>> select_tables(store::Tx& tx, const std::string& event_id);

// ---- organisations and products ----------------------------------------------------------------------
struct OrgFacts {
    std::string id, name, kind;
    std::optional<std::string> channel;  // a buyer's channel (organisations.channel)
    bool system = false;                 // Kashlink's own (the walk-in buyer): never a participant
};
Result<std::optional<OrgFacts>> find_org(store::Tx& tx, const std::string& org_id);
// Organisations by id or unified social credit code (the CSV's `org` column), keyed by what was given.
Result<std::map<std::string, OrgFacts>> orgs_by_id_or_credit_code(store::Tx& tx, const std::vector<std::string>& keys);
// The producer of each of `product_ids` that exists.
Result<std::map<std::string, std::string>> product_producers(store::Tx& tx, const std::vector<std::string>& product_ids);

// ---- participants ------------------------------------------------------------------------------------
Result<void> insert_attendee(store::Tx& tx, const Attendee& attendee, const std::string& person_key, int64_t created_at_ms);
Result<std::optional<Attendee>> find_attendee(store::Tx& tx, const std::string& id);
// A page of an event's participants (one side, one organisation, when given) in id order.
struct AttendeeFilter {
    std::optional<Side> side;
    std::optional<std::string> org_id;
    std::optional<std::string> after;
    int limit = 0;
};
Result<std::vector<Attendee>> select_attendees(store::Tx& tx, const std::string& event_id, const AttendeeFilter& filter);
// Every participant of the event (with products and availability), in id order: the scheduler's input.
Result<std::vector<Attendee>> all_attendees(store::Tx& tx, const std::string& event_id);
Result<int64_t> count_attendees(store::Tx& tx, const std::string& event_id);
// Whether the event has a participant on `side` for the organisation with this person key (the
// normalised person name; empty for an exhibitor, who is its organisation).
Result<bool> identity_registered(store::Tx& tx, const std::string& event_id, Side side, const std::string& org_id,
                                 const std::string& person_key);
Result<void> set_checked_in(store::Tx& tx, const std::string& id, int64_t at_ms);
Result<void> set_withdrawn(store::Tx& tx, const std::string& id);

// Where the same person (side, organisation and person key) takes part in other events, with the
// times they can attend there: (date, start, end) of each slot (every slot of that event when its
// availability is open), one entry per other participant.
struct BookedTime {
    std::string event_id;
    Date held_on;
    int64_t starts_min = 0, ends_min = 0;
};
Result<std::vector<BookedTime>> times_elsewhere(store::Tx& tx, const std::string& event_id, Side side,
                                                const std::string& org_id, const std::string& person_key);

// ---- preferences -------------------------------------------------------------------------------------
Result<std::optional<PairRatings>> find_pair(store::Tx& tx, const std::string& exhibitor_id, const std::string& buyer_id);
Result<void> upsert_pair(store::Tx& tx, const std::string& event_id, const PairRatings& pair, int64_t updated_at_ms);
Result<std::vector<PairRatings>> event_pairs(store::Tx& tx, const std::string& event_id);
// The pairs one participant is a side of.
Result<std::vector<PairRatings>> pairs_of(store::Tx& tx, const Attendee& attendee);

}  // namespace kl::fair
