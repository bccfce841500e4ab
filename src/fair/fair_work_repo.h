#pragma once
// The SQL of the fair to-do kinds (fair_work.h): one store::WorkQuery each, run in the caller's
// transaction (store/work_queue.h). Each is answered from an index on the organisation's or the
// user's column: fair_participants_org, fair_organisers_user; the meetings by the published
// schedule's primary key, their outcomes by theirs.

#include <string>

#include "core/result.h"
#include "core/work_item.h"
#include "fair/fair_types.h"
#include "store/store.h"

namespace kl::fair {

// Events in registration where the organisation has a participant of `side` that has rated no one.
Result<WorkQueue> events_to_rate(store::Tx& tx, const std::string& org_id, Side side);
// Events in published or live where the organisation has a participant of `side` (not withdrawn).
Result<WorkQueue> agendas_published(store::Tx& tx, const std::string& org_id, Side side);
// Meetings of live events' published schedules without an outcome; every live event's for an
// admin (`every_event`), else those of the events that name `user_id` as an organiser.
Result<WorkQueue> outcomes_to_record(store::Tx& tx, const std::string& user_id, bool every_event);

}  // namespace kl::fair
