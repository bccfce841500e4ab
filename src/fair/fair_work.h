#pragma once
// The fair work awaiting an actor, for the to-do home (core/work_item.h). Each kind is scoped to the
// actor's organisation (or, for organisers, to the events the actor organises):
//
//   producer, buyer   fair_preferences_to_rate  events in `registration` where the organisation has a
//                                               participant of its side that has rated no one yet
//                                               (the console's preferences tab of the event)
//                     fair_agenda_published     events in `published` or `live` where the organisation
//                                               takes part (the event's agenda tab)
//   other roles       fair_outcomes_to_record   meetings of the published schedule of a `live` event
//                                               it organises, without an outcome (the event's meetings
//                                               grid): an admin organises every event, another user
//                                               the events that name it (fair_organisers); a user who
//                                               organises none counts 0
//
// Auditors record nothing (access::require_writer) and logistics has no fair pages: no fair work. Every count is
// read in the caller's one transaction, so the kinds are counts of the same moment.

#include <vector>

#include "core/result.h"
#include "core/work_item.h"
#include "fair/fair_access.h"
#include "store/store.h"

namespace kl::fair {

Result<std::vector<WorkQueue>> fair_work(store::Tx& tx, const Actor& actor);

}  // namespace kl::fair
