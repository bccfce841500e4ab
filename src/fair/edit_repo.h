#pragma once
// The SQL of the event layer's edits (internal to src/fair, fair_edit.cpp): updates, deletions and
// the counts that decide whether a deletion is still safe, in the caller's transaction.

#include <string>
#include <vector>

#include "fair/fair_types.h"
#include "store/store.h"

namespace kl::fair {

// Names, venue, dates, slot length, break and weights of `event` (by its id).
Result<void> update_event_fields(store::Tx& tx, const Event& event);
// Person fields, booth and caps of `attendee` (by its id), its products and its availability.
Result<void> update_attendee_fields(store::Tx& tx, const Attendee& attendee, const std::string& person_key);

// Meetings of any of the event's schedule runs seated at the table, or in the session's slots.
Result<int64_t> meetings_at_table(store::Tx& tx, const std::string& table_id);
Result<int64_t> meetings_in_session(store::Tx& tx, const std::string& session_id);
// Participants whose availability names one of the session's slots.
Result<int64_t> attendees_naming_session(store::Tx& tx, const std::string& session_id);
Result<void> delete_table_row(store::Tx& tx, const std::string& table_id);
Result<void> delete_session_rows(store::Tx& tx, const std::string& session_id);

}  // namespace kl::fair
