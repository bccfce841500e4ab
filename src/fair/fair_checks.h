#pragma once
// The checks of an event's and a participant's fields (internal to src/fair), shared by registration
// (fair_service.cpp) and the edit routes (fair_edit.cpp): each records what is wrong on `errors`
// under the field's name; the ones that read the database run in the caller's transaction.

#include <string>
#include <vector>

#include "audit/canonical_json.h"
#include "core/field_errors.h"
#include "fair/fair_types.h"
#include "store/store.h"

namespace kl::fair {

void check_range(FieldErrors& errors, const std::string& field, int64_t value, int64_t min, int64_t max);
// Names, venue, dates (at most event_days_max days), slot length, break, weights, organisers.
void check_event_fields(const Event& input, FieldErrors& errors);
// Field checks of a registration that need no database.
void check_attendee_fields(const Attendee& input, FieldErrors& errors);
// The slots a registration names, checked against the event's: each must be one of them, once.
void check_slots(const Attendee& input, const std::vector<EventSlot>& event_slots, FieldErrors& errors);
// The products exist, once each, and are the exhibitor's own.
Result<void> check_products(store::Tx& tx, const Attendee& input, FieldErrors& errors);
// The organisation exists and is of the side's kind.
Result<void> check_org(store::Tx& tx, const Attendee& input, FieldErrors& errors);
// The same person booked in another event at an overlapping time (its slots, or every slot of this
// event when it named none).
Result<void> check_clash(store::Tx& tx, const Attendee& input, const std::string& person_key,
                         const std::vector<EventSlot>& event_slots, FieldErrors& errors);
// No other participant of the event is the same exhibitor (organisation) or buyer (organisation and person).
Result<void> check_identity_free(store::Tx& tx, const Attendee& input, const std::string& person_key, FieldErrors& errors);
audit::CanonicalJson attendee_audit(const Attendee& a);

}  // namespace kl::fair
